package dev.gatehouse.gateway.upstream;

import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * The client's request body on its way to the upstream: read through {@link Counted}, which
 * enforces {@code max_request_bytes} as bytes arrive, keeps the preview, and tells a broken client
 * apart from a broken upstream. Bodies of at most {@link #REPLAY_LIMIT} bytes can be buffered so
 * that a session relay can send them again after a 401; larger ones stream and cannot be replayed.
 */
sealed interface RequestBody {

    /** The largest body buffered for a replay after an upstream 401. */
    int REPLAY_LIMIT = 64 * 1024;

    /** A fresh entity for one send, or null for a request without a body. */
    @Nullable HttpEntity entity();

    boolean replayable();

    /** No body at all ({@code GET}), or an empty one ({@code Content-Length: 0}). */
    record Empty(boolean declaredZero) implements RequestBody {
        @Override
        public @Nullable HttpEntity entity() {
            return declaredZero ? new ByteArrayEntity(new byte[0], null) : null;
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** A small body read completely; sent again as it is. */
    record Buffered(byte[] bytes) implements RequestBody {
        @Override
        public HttpEntity entity() {
            return new ByteArrayEntity(bytes, null);
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** A body streamed from the client; {@code length} is -1 when chunked. */
    record Streamed(InputStream in, long length) implements RequestBody {
        @Override
        public HttpEntity entity() {
            return new InputStreamEntity(in, length, null);
        }

        @Override
        public boolean replayable() {
            return false;
        }
    }

    /**
     * The body of a request as the relay sends it.
     *
     * @param declared the client's {@code Content-Length}, or -1
     * @param chunked whether the client sent {@code Transfer-Encoding}
     * @param bufferForReplay whether a small body should be buffered (session auth)
     */
    static RequestBody of(Counted in, long declared, boolean chunked, boolean bufferForReplay)
            throws IOException {
        if (declared == 0 || (declared < 0 && !chunked)) {
            return new Empty(declared == 0);
        }
        if (!bufferForReplay || declared > REPLAY_LIMIT) {
            return new Streamed(in, declared);
        }
        byte[] head = in.readNBytes(REPLAY_LIMIT + 1);
        if (head.length <= REPLAY_LIMIT) {
            return new Buffered(head);
        }
        return new Streamed(new SequenceInputStream(new ByteArrayInputStream(head), in), declared);
    }

    /**
     * Counts the client's body: fails with {@link TooLarge} past {@code max} bytes, with {@link
     * EOFException} when it ends before its declared length, and records any failure of the
     * client's own stream. Keeps the first {@link RelayResult#PREVIEW_BYTES} bytes. Not
     * thread-safe: one request, one thread.
     */
    final class Counted extends InputStream {

        private final InputStream in;
        private final long max;
        private final long declared;
        private final byte[] preview = new byte[RelayResult.PREVIEW_BYTES];
        private int previewLength;
        private long count;
        private boolean tooLarge;
        private boolean clientFailed;

        Counted(InputStream in, long max, long declared) {
            this.in = in;
            this.max = max;
            this.declared = declared;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                clientFailed = true;
                throw e;
            }
            if (n < 0) {
                if (declared >= 0 && count < declared) {
                    clientFailed = true;
                    throw new EOFException("the client's body ended early");
                }
                return n;
            }
            int keep = Math.min(n, preview.length - previewLength);
            if (keep > 0) {
                System.arraycopy(b, off, preview, previewLength, keep);
                previewLength += keep;
            }
            count += n;
            if (count > max) {
                tooLarge = true;
                throw new TooLarge();
            }
            return n;
        }

        long count() {
            return count;
        }

        boolean tooLarge() {
            return tooLarge;
        }

        boolean clientFailed() {
            return clientFailed;
        }

        byte[] preview() {
            return java.util.Arrays.copyOf(preview, previewLength);
        }
    }

    /** The body went over {@code max_request_bytes}. */
    final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("request body over the upstream's limit");
        }
    }
}
