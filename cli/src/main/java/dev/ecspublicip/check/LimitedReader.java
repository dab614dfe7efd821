package dev.ecspublicip.check;

import dev.ecspublicip.BadInputException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A file's text, refused (bad input naming the file) as soon as more is read than the part being read may
 * hold: a template, or one part of a plan, at most {@link #MAX_PART} characters; a whole plan, read as a
 * stream, at most {@link #MAX_STREAM}.
 */
final class LimitedReader extends FilterReader {
    /** 50 MiB: a template (CloudFormation itself takes at most 1 MB), or one of a plan's resource changes. */
    static final long MAX_PART = 50L * 1024 * 1024;
    /**
     * The most values (JSON members, elements and scalars; YAML nodes) read into a tree of one part: far above
     * any real template's (CloudFormation takes at most 1 MB of text, half a million values at the very most)
     * or resource change's, and low enough that a part of tiny values ({@code [1,1,1,...]}) stays within a
     * heap of 1 GiB before the limit on its characters would stop it.
     */
    static final long MAX_PART_VALUES = 1_000_000;
    /** 4 GiB: a Terraform plan, read as a stream. */
    static final long MAX_STREAM = 4L * 1024 * 1024 * 1024;

    private final String file;
    private long read;
    private long limit = MAX_STREAM;
    private long max = MAX_STREAM;
    private String what = "a Terraform plan read as a stream";

    LimitedReader(Reader in, String file) {
        super(in);
        this.file = file;
    }

    /**
     * From here, at most {@code available} more characters for {@code part} (of its {@link #MAX_PART}, what
     * earlier pieces of it left); {@link #stream()} ends the part.
     */
    void part(long available, String part) {
        this.limit = Math.min(MAX_STREAM, read + available);
        this.max = MAX_PART;
        this.what = part;
    }

    /** The characters read so far. */
    long position() {
        return read;
    }

    void stream() {
        limit = MAX_STREAM;
        max = MAX_STREAM;
        what = "a Terraform plan read as a stream";
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw new BadInputException(
                    file,
                    "is larger than " + max / (1024 * 1024) + " MiB (characters), the most check reads of " + what);
        }
    }
}
