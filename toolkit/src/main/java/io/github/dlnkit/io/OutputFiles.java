package io.github.dlnkit.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Set;

/**
 * The one way dlnkit writes a file: <em>atomically</em>. The content goes to a temporary file in the target's own
 * folder ({@code .NAME.XXXX.tmp}), is forced to disk, and is then renamed onto the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}: a reader (or a second writer) sees either the old file or the complete
 * new one, never a partial file, and a failure leaves an existing file untouched and no temporary file behind.
 * Parent folders are created. A target that is a symbolic link is written through the link (the link stays).
 *
 * <p>{@link #checkWritable(Path)} and {@link #requireDistinct} are the checks a command runs on its output paths
 * <em>before</em> any work starts; {@link #describe(IOException)} turns an I/O failure into one line with the path
 * and the system's reason ("no such file or directory", "is a directory", "read-only file system").
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Writes what {@code body} produces to {@code target} atomically; returns {@code target}. */
    public static Path write(Path target, Body body) {
        if (target == null) {
            throw new IllegalArgumentException("output path is missing (null)");
        }
        if (body == null) {
            throw new IllegalArgumentException("output body is missing (null)");
        }
        Path tmp = null;
        try {
            Path real = resolveLink(target);
            Path dir = real.toAbsolutePath().getParent();
            if (Files.isDirectory(real)) {
                throw new FileSystemException(target.toString(), null, "Is a directory");
            }
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            copyPermissions(real, tmp);
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file lives in the target folder and starts with '.', harmless if it stays
                }
            }
        }
    }

    /** Writes a UTF-8 text atomically. */
    public static Path writeString(Path target, String text) {
        return write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Produces the bytes of a file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks, without creating anything, that {@code file} can be written: it is not a directory, its nearest
     * existing ancestor is a writable directory. Throws {@link IllegalArgumentException} naming the path and the
     * reason.
     */
    public static void checkWritable(Path file) {
        Path real = resolveLink(file);
        if (Files.isDirectory(real)) {
            throw new IllegalArgumentException("cannot write " + file + ": is a directory");
        }
        if (Files.exists(real, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(real)) {
            throw new IllegalArgumentException("cannot write " + file + ": not a regular file");
        }
        checkFolder(file, real.toAbsolutePath().getParent());
    }

    /** Checks that {@code dir} is, or can be created as, a writable directory. */
    public static void checkWritableDirectory(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("cannot write into " + dir + ": not a directory");
        }
        checkFolder(dir, abs);
    }

    private static void checkFolder(Path shown, Path folder) {
        Path p = folder;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalArgumentException("cannot write " + shown + ": no such file or directory");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("cannot write " + shown + ": " + p + " is not a directory");
        }
        // Probe with a real temporary file: Files.isWritable ignores read-only mounts for root and some file systems.
        try {
            Path probe = Files.createTempFile(p, ".dlnkit-probe.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + shown + ": " + reason(e)
                    + (p.equals(folder) ? "" : " (in " + p + ")"), e);
        }
    }

    /**
     * Refuses an output that is one of the inputs (same file after resolving links) or that two outputs share.
     *
     * @param outputs {@code option name -> path} of the outputs (null paths are skipped)
     * @param inputs  {@code option name -> path} of the inputs
     */
    public static void requireDistinct(Collection<Named> outputs, Collection<Named> inputs) {
        for (Named o : outputs) {
            for (Named i : inputs) {
                if (sameFile(o.path(), i.path())) {
                    throw new IllegalArgumentException(o.option() + " " + o.path() + " is the input " + i.option() + " "
                            + i.path() + ": refusing to overwrite an input; choose another output file");
                }
            }
        }
        Named[] a = outputs.toArray(new Named[0]);
        for (int x = 0; x < a.length; x++) {
            for (int y = x + 1; y < a.length; y++) {
                if (sameFile(a[x].path(), a[y].path())) {
                    throw new IllegalArgumentException(a[x].option() + " and " + a[y].option() + " both name " + a[x].path()
                            + ": give each output its own file");
                }
            }
        }
    }

    /** An option name with its path. */
    public record Named(String option, Path path) {
    }

    /** True when both paths name the same file (after links), or the same not-yet-existing file. */
    public static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return canonical(a).equals(canonical(b));
        } catch (IOException e) {
            return canonical(a).equals(canonical(b));
        }
    }

    private static Path canonical(Path p) {
        Path abs = resolveLink(p).toAbsolutePath().normalize();
        Path parent = abs.getParent();
        try {
            return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
        } catch (IOException e) {
            return abs;
        }
    }

    private static Path resolveLink(Path p) {
        try {
            return Files.isSymbolicLink(p) && Files.exists(p) ? p.toRealPath() : p;
        } catch (IOException e) {
            return p;
        }
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            Set<PosixFilePermission> perms = Files.exists(from) ? Files.getPosixFilePermissions(from)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(to, perms);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not POSIX: keep the default permissions of a new file
        }
    }

    /** {@code "PATH: reason"} for an I/O failure, in the system's words. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + reason(e);
        }
        return reason(e);
    }

    /** The system's reason alone ("no such file or directory", "permission denied", ...). */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Unwraps an {@link UncheckedIOException} into its one-line description. */
    public static String describe(UncheckedIOException e) {
        return e.getMessage() != null ? e.getMessage() : describe(e.getCause());
    }
}
