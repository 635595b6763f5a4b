package org.spikemesh.process.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * I/O errors as a user reads them: the path and what is wrong with it ("no such file or directory", "permission
 * denied", "not a directory", "is a directory"...), instead of a bare path or an exception's name. Every module
 * that writes files names its errors this way ({@link AtomicFile}); the command line prints them.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * @param e an I/O error
     * @return what went wrong, in lower case and without the path, e.g. "permission denied"
     */
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
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // the system's words in the middle of a sentence ("Is a directory"), an acronym left as it is ("EOF")
        boolean word = m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1));
        return word ? Character.toLowerCase(m.charAt(0)) + m.substring(1) : m;
    }

    /**
     * @param e an I/O error
     * @return one line: for a file system error "PATH: reason" (with " -> OTHER" for a move or a link), else its
     *         message
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
            return f.getFile() + other + ": " + reason(e);
        }
        return reason(e);
    }

    /**
     * @param target the file or directory that was to be written
     * @param e why a temporary file or directory beside it could not be made
     * @return an error naming the target, not the temporary path, and why
     */
    public static FileSystemException cannotWrite(Path target, IOException e) {
        return cannotWrite(target, reason(e), e);
    }

    /**
     * @param target the file or directory that was to be written
     * @param why what is wrong, e.g. "/a is a file, not a directory"
     * @param cause the error behind it
     * @return an error naming the target and why
     */
    public static FileSystemException cannotWrite(Path target, String why, IOException cause) {
        FileSystemException r = new FileSystemException(target.toString(), null, "cannot be written (" + why + ")");
        r.initCause(cause);
        return r;
    }
}
