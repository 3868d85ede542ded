package io.github.dlnkit.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every relative link and file reference in README.md, docs/**&#47;*.md and the notebooks' text resolves to a file or
 * folder of the repository: markdown links {@code [text](path)}, images {@code ![..](path)} and {@code <img src>}, and
 * file names written as code ({@code `docs/theory/x.md`}, {@code `achour2024.md`}). A link is resolved against the
 * folder of the file that holds it; a code reference also against the repository root and docs/theory/ (where the
 * theory notes that the text names by file name live). Web links, anchors and generated outputs (notebooks/out/,
 * docs/notebooks/, target/, globs) are not checked.
 */
class RelativeLinksTest {

    /**
     * Files that other pieces of work add on the same day and that the index already links (issue 14: the index links
     * them "even if they land later"). A missing one is tolerated only while it is listed here; remove an entry once
     * its file exists (an existing file is checked like any other).
     */
    static final Set<String> PENDING = Set.of("docs/theory/numerical-decisions.md", "docs/theory/claims.md");

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern IMG = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]+)\"");
    private static final Pattern CODE_FILE =
            Pattern.compile("`([\\w./-]+\\.(?:md|ipynb|json|png|sh|py|java|xml|txt))`");

    record Reference(Path file, String target, boolean code) {
    }

    static Path root() {
        return NotebookJShellTest.notebooksDir().getParent();
    }

    static List<Path> documents() throws IOException {
        Path root = root();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> s = Files.list(root.resolve("notebooks"))) {
            s.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The text of a document: a markdown file as is, a notebook's markdown cells and code comments joined. */
    static String text(Path doc) throws IOException {
        String raw = Files.readString(doc, StandardCharsets.UTF_8);
        if (!doc.toString().endsWith(".ipynb")) {
            return raw;
        }
        JsonObject nb = JShellNotebook.read(doc);
        StringBuilder sb = new StringBuilder();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            if ("markdown".equals(c.get("cell_type").getAsString())) {
                JsonElement src = c.get("source");
                if (src.isJsonArray()) {
                    ((JsonArray) src).forEach(x -> sb.append(x.getAsString()));
                } else {
                    sb.append(src.getAsString());
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static List<Reference> references(Path doc, String text) {
        List<Reference> refs = new ArrayList<>();
        for (Pattern p : List.of(LINK, IMG)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                refs.add(new Reference(doc, m.group(1), false));
            }
        }
        Matcher m = CODE_FILE.matcher(text);
        while (m.find()) {
            refs.add(new Reference(doc, m.group(1), true));
        }
        return refs;
    }

    static boolean checked(String target) {
        return !(target.matches("^[a-z][a-z0-9+.-]*:.*") || target.startsWith("#") || target.contains("*")
                || target.contains("notebooks/out/") || target.startsWith("out/") || target.contains("docs/notebooks/")
                || target.contains("target/") || target.contains("{") || target.startsWith("/"));
    }

    /** Where a reference may point; empty when it resolves (or is pending). */
    static String problem(Reference r) {
        String path = r.target().replaceFirst("#.*$", "").replaceFirst("\\?.*$", "");
        if (path.isEmpty() || !checked(r.target())) {
            return "";
        }
        Path root = root();
        List<Path> candidates = new ArrayList<>();
        candidates.add(r.file().getParent().resolve(path).normalize());
        if (r.code()) {
            candidates.add(root.resolve(path).normalize());
            candidates.add(root.resolve("docs/theory").resolve(path).normalize());
        }
        for (Path c : candidates) {
            if (Files.exists(c)) {
                return "";
            }
            if (c.startsWith(root) && PENDING.contains(root.relativize(c).toString().replace('\\', '/'))) {
                return "";
            }
        }
        return root.relativize(r.file()) + ": " + (r.code() ? "`" + r.target() + "`" : "(" + r.target() + ")")
                + " resolves to nothing (tried " + candidates.stream().map(c -> root.relativize(c).toString())
                .collect(Collectors.joining(", ")) + ")";
    }

    @Test
    void everyRelativeLinkAndFileReferenceResolves() throws IOException {
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (Path doc : documents()) {
            for (Reference r : references(doc, text(doc))) {
                count++;
                String p = problem(r);
                if (!p.isEmpty()) {
                    problems.add(p);
                }
            }
        }
        assertTrue(count > 50, "too few references found (" + count + "): is the scan broken?");
        assertTrue(problems.isEmpty(), () -> problems.size() + " broken references:\n" + String.join("\n", problems));
    }

    /** The checker itself can fail: a broken link, a broken image, a broken code reference. */
    @Test
    void brokenReferencesAreReported() {
        Path readme = root().resolve("README.md");
        String text = "[ok](docs/theory/README.md) [bad](docs/theory/nope.md) ![img](nope.png) "
                + "<img src=\"notebooks/figures/none.png\" width=\"200\"> `docs/nowhere.md` `achour2024.md` "
                + "[web](https://arxiv.org/abs/2107.13289) [anchor](#notebooks) `notebooks/out/x.ipynb`";
        List<String> problems = references(readme, text).stream().map(RelativeLinksTest::problem)
                .filter(p -> !p.isEmpty()).collect(Collectors.toList());
        assertEquals(4, problems.size(), () -> "expected 4 broken references: " + problems);
    }
}
