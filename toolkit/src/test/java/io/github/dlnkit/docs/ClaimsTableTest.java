package io.github.dlnkit.docs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/theory/claims.md} stays true: every row has a known source and status (never "missing"), and every place
 * it names exists: notebooks and their section headings, test classes and methods, CLI commands, files.
 */
class ClaimsTableTest {
    private static final Set<String> STATUSES = Set.of("shown", "shown (corrected)", "refuted", "beyond");
    private static final Set<String> SOURCES = Set.of("paper", "title", "recon", "ours");
    private static final Pattern TICK = Pattern.compile("`([^`]+)`");

    record Row(String id, String source, String status, String where) {
    }

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isDirectory(p.resolve("toolkit"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (notebooks/ and toolkit/) above " + Path.of("").toAbsolutePath());
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(root().resolve("docs/theory/claims.md"))) {
            if (!line.matches("\\| [ACL]\\d+ \\|.*")) {
                continue;
            }
            String[] cells = line.split(" \\| ");
            assertEquals(6, cells.length, "six columns in: " + line);
            rows.add(new Row(cells[0].substring(2).trim(), cells[2].trim(), cells[3].trim(), cells[4].trim()));
        }
        return rows;
    }

    @Test
    void everyRowHasASourceAStatusAndAPlace() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 60, "rows: " + rows.size());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (Row r : rows) {
            assertTrue(SOURCES.contains(r.source()), r.id() + ": source '" + r.source() + "'");
            assertTrue(STATUSES.contains(r.status()), r.id() + ": status '" + r.status() + "'");
            assertTrue(TICK.matcher(r.where()).find(), r.id() + ": no place named");
            byStatus.merge(r.status(), 1L, Long::sum);
        }
        assertEquals(rows.size(), rows.stream().map(Row::id).distinct().count(), "duplicate ids");
        // the summary line states the counts
        String text = Files.readString(root().resolve("docs/theory/claims.md"));
        long shown = byStatus.getOrDefault("shown", 0L) + byStatus.getOrDefault("shown (corrected)", 0L);
        String summary = String.format(Locale.ROOT, "%d rows; %d shown (%d of them after a correction), %d refuted, %d beyond",
                rows.size(), shown, byStatus.getOrDefault("shown (corrected)", 0L), byStatus.getOrDefault("refuted", 0L),
                byStatus.getOrDefault("beyond", 0L));
        assertTrue(text.contains(summary), "summary should read: " + summary);
        assertTrue(!text.toLowerCase(Locale.ROOT).contains("| missing"), "no row left missing");
    }

    @Test
    void everyPlaceTheTableNamesExists() throws IOException {
        Path root = root();
        List<Path> tests;
        try (Stream<Path> s = Files.walk(root.resolve("toolkit/src/test/java"))) {
            tests = s.filter(p -> p.toString().endsWith("Test.java")).collect(Collectors.toList());
        }
        Set<String> commands = commands(root);
        int checked = 0;
        for (Row r : rows()) {
            Matcher m = TICK.matcher(r.where());
            while (m.find()) {
                String ref = m.group(1);
                String where = r.id() + " names " + ref;
                if (ref.startsWith("dlnkit ")) {
                    assertTrue(commands.contains(ref.substring(7)), where + ": no such CLI command in " + commands);
                } else if (ref.startsWith("notebooks/")) {
                    String[] parts = ref.split("#", 2);
                    Path nb = root.resolve(parts[0]);
                    assertTrue(Files.isRegularFile(nb), where + ": no notebook");
                    if (parts.length == 2) {
                        assertTrue(headings(nb).stream().anyMatch(h -> h.contains(parts[1])), where + ": no heading containing '"
                                + parts[1] + "' in " + headings(nb));
                    }
                } else if (ref.matches("[A-Z]\\w*Test(#\\w+)?")) {
                    String[] parts = ref.split("#", 2);
                    List<Path> files = tests.stream().filter(p -> p.getFileName().toString().equals(parts[0] + ".java")).toList();
                    assertTrue(!files.isEmpty(), where + ": no test class");
                    if (parts.length == 2) {
                        boolean found = false;
                        for (Path f : files) {
                            found |= Pattern.compile("void " + parts[1] + "\\(").matcher(Files.readString(f)).find();
                        }
                        assertTrue(found, where + ": no test method " + parts[1] + " in " + files);
                    }
                } else {
                    assertTrue(Files.exists(root.resolve(ref)), where + ": no such file");
                }
                checked++;
            }
        }
        assertTrue(checked >= 100, "references checked: " + checked);
    }

    private static List<String> headings(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        List<String> out = new ArrayList<>();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!"markdown".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement src = cell.get("source");
            String text;
            if (src.isJsonArray()) {
                StringBuilder b = new StringBuilder();
                for (JsonElement l : (JsonArray) src) {
                    b.append(l.getAsString());
                }
                text = b.toString();
            } else {
                text = src.getAsString();
            }
            for (String line : text.split("\n")) {
                if (line.startsWith("#")) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    private static Set<String> commands(Path root) throws IOException {
        Pattern name = Pattern.compile("@Command\\(name = \"([\\w-]+)\"");
        try (Stream<Path> s = Files.list(root.resolve("toolkit/src/main/java/io/github/dlnkit/cli"))) {
            return s.filter(p -> p.toString().endsWith("Command.java")).flatMap(p -> {
                try {
                    Matcher m = name.matcher(Files.readString(p));
                    return m.find() ? Stream.of(m.group(1)) : Stream.empty();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toSet());
        }
    }
}
