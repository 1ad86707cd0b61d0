package dev.prompttracker.adapter.http.grpc;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.adapter.http.transfer.ExportRecords;
import dev.prompttracker.adapter.http.transfer.ImportFormats;
import dev.prompttracker.adapter.http.transfer.JsonLinesReader;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.port.in.ExportDataQuery;
import dev.prompttracker.application.port.in.ExportEntry;
import dev.prompttracker.application.port.in.ImportDataCommand;
import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.proto.v1.DataServiceGrpc;
import dev.prompttracker.proto.v1.ExportDataRequest;
import dev.prompttracker.proto.v1.ExportRecord;
import dev.prompttracker.proto.v1.ImportDataRequest;
import dev.prompttracker.proto.v1.ImportReport;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The DataService of the proto. Both directions go at the client's pace: the export sends a record only
 * while the call is ready (the next one is read from the stores when the client has taken enough), the
 * import asks the client for the next message only when the import has taken the one before.
 */
public final class DataGrpcService extends DataServiceGrpc.DataServiceImplBase {
    /** A whole export or import may take a while; the call still ends. */
    /**
     * ImportData's whole stream may be as large as the largest upload (each message stays within the
     * message limit). Set by the edge when the call's headers arrive, before any of its data: raised in
     * the method, data that came first was measured against the smaller limit of other calls.
     */
    public static final long MAX_UPLOAD_BYTES = ImportFormats.STREAMED_MAX_BYTES + 16 * 1024 * 1024;
    public static final String IMPORT_PATH = "/" + DataServiceGrpc.getImportDataMethod().getFullMethodName();
    public static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(DataGrpcService.class.getName());

    private final ApplicationServices app;
    private final ImportFormats formats;

    public DataGrpcService(ApplicationServices app, ImportFormats formats) {
        this.app = app;
        this.formats = formats;
    }

    @Override
    public void exportData(ExportDataRequest request, StreamObserver<ExportRecord> observer) {
        ServerCallStreamObserver<ExportRecord> call = (ServerCallStreamObserver<ExportRecord>) observer;
        ServiceRequestContext.current().setRequestTimeout(TimeoutMode.SET_FROM_NOW, TIMEOUT);
        Iterator<ExportEntry> entries;
        try {
            entries = app.exportData().exportData(new ExportDataQuery(Caller.actor(), request.getFormat()));
        } catch (RuntimeException refused) {
            observer.onError(refused);
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean draining = new AtomicBoolean();
        Runnable pump = () -> {
            // One drainer at a time; a ready signal during a drain is picked up by its last check.
            while (!done.get() && draining.compareAndSet(false, true)) {
                try {
                    while (!done.get() && call.isReady()) {
                        if (!entries.hasNext()) {
                            done.set(true);
                            call.onCompleted();
                            return;
                        }
                        call.onNext(ExportRecords.record(entries.next()));
                    }
                } catch (RuntimeException failure) {
                    done.set(true);
                    LOG.log(System.Logger.Level.WARNING, "data export stopped", failure);
                    call.onError(failure);
                    return;
                } finally {
                    draining.set(false);
                }
                if (!call.isReady()) {
                    return;
                }
            }
        };
        call.setOnCancelHandler(() -> done.set(true));
        call.setOnReadyHandler(pump);
        pump.run();
    }

    @Override
    public StreamObserver<ImportDataRequest> importData(StreamObserver<ImportReport> observer) {
        ServerCallStreamObserver<ImportReport> call = (ServerCallStreamObserver<ImportReport>) observer;
        ServiceRequestContext ctx = ServiceRequestContext.current();
        ctx.setRequestTimeout(TimeoutMode.SET_FROM_NOW, TIMEOUT);
        call.disableAutoRequest();
        call.request(1);
        return new Upload(call, ctx, Caller.actorIfAccepted());
    }

    /** The messages of one upload, handed to the import (on a blocking thread) one at a time. */
    private final class Upload implements StreamObserver<ImportDataRequest> {
        private static final Object END = new Object();
        private final ServerCallStreamObserver<ImportReport> call;
        private final ServiceRequestContext ctx;
        private final java.util.Optional<Actor> actor;
        private final BlockingQueue<Object> inbox = new ArrayBlockingQueue<>(4);
        private final AtomicBoolean finished = new AtomicBoolean();
        private boolean started;

        Upload(ServerCallStreamObserver<ImportReport> call, ServiceRequestContext ctx, java.util.Optional<Actor> actor) {
            this.call = call;
            this.ctx = ctx;
            this.actor = actor;
        }

        @Override
        public void onNext(ImportDataRequest message) {
            if (finished.get()) {
                return;
            }
            if (!started) {
                started = true;
                ImportFormats.Format format;
                try {
                    if (actor.isEmpty()) {
                        throw new dev.prompttracker.domain.error.Unauthenticated("invalid or expired token");
                    }
                    format = formats.find(message.getFormat());
                } catch (RuntimeException refused) {
                    fail(refused);
                    return;
                }
                ctx.blockingTaskExecutor().execute(() -> run(format));
            }
            if (message.getPayloadCase() == ImportDataRequest.PayloadCase.PAYLOAD_NOT_SET) {
                call.request(1);
                return;
            }
            offer(message);
        }

        @Override
        public void onError(Throwable cancelled) {
            offer(new IOException("the client ended the upload", cancelled));
        }

        @Override
        public void onCompleted() {
            if (!started) {
                fail(Invalid.field("format", "must be named in the first message"));
                return;
            }
            offer(END);
        }

        private void offer(Object item) {
            if (!finished.get() && !inbox.offer(item)) {
                // Never more than one message is asked for at a time, so there is always room.
                fail(new IllegalStateException("an upload message arrived that was not asked for"));
            }
        }

        private void fail(RuntimeException failure) {
            if (finished.compareAndSet(false, true)) {
                call.onError(failure);
            }
        }

        /** The next message's payload (asking the client for the one after), or END, or a failure. */
        private Object take() {
            Object item;
            try {
                item = inbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (item instanceof ImportDataRequest) {
                call.request(1);
            }
            return item;
        }

        private void run(ImportFormats.Format format) {
            try {
                Iterator<ImportItem> items = new Items(format);
                ImportReport report = ExportRecords.report(app.importData().importData(
                        new ImportDataCommand(actor.orElseThrow(), format.name(), items)));
                if (finished.compareAndSet(false, true)) {
                    call.onNext(report);
                    call.onCompleted();
                }
            } catch (RuntimeException failure) {
                fail(failure);
            }
        }

        /** The upload as import items: typed records as they come, or the bytes through the format's reader. */
        private final class Items implements Iterator<ImportItem> {
            private final ImportFormats.Format format;
            private Iterator<ImportItem> delegate;

            Items(ImportFormats.Format format) {
                this.format = format;
            }

            private Iterator<ImportItem> delegate() {
                if (delegate == null) {
                    Object first = take();
                    if (first instanceof ImportDataRequest message
                            && message.getPayloadCase() == ImportDataRequest.PayloadCase.RECORD) {
                        if (!format.name().equals(JsonLinesReader.FORMAT)) {
                            throw Invalid.field("record", "records are of the " + JsonLinesReader.FORMAT + " format only");
                        }
                        delegate = new Records(message);
                    } else {
                        delegate = format.reader().read(new Bytes(first, format.maxBytes()));
                    }
                }
                return delegate;
            }

            @Override
            public boolean hasNext() {
                return delegate().hasNext();
            }

            @Override
            public ImportItem next() {
                return delegate().next();
            }
        }

        /** Typed records, each at "record N". */
        private final class Records implements Iterator<ImportItem> {
            private Object next;
            private int number;

            Records(ImportDataRequest first) {
                this.next = first;
            }

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = take();
                }
                if (next instanceof IOException cancelled) {
                    throw new java.io.UncheckedIOException(cancelled);
                }
                return next != END;
            }

            @Override
            public ImportItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ImportDataRequest message = (ImportDataRequest) next;
                next = null;
                if (message.getPayloadCase() != ImportDataRequest.PayloadCase.RECORD) {
                    throw Invalid.field("data", "an upload sends records or bytes, not both");
                }
                return ExportRecords.item(message.getRecord(), "record " + ++number);
            }
        }

        /** The bytes of the upload as a stream, ending at the client's end, bounded by the format's limit. */
        private final class Bytes extends InputStream {
            private final long maxBytes;
            private Object pending;
            private ByteString chunk = ByteString.EMPTY;
            private int offset;
            private long total;
            private boolean ended;

            Bytes(Object first, long maxBytes) {
                this.pending = first;
                this.maxBytes = maxBytes;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int from, int length) throws IOException {
                while (offset >= chunk.size()) {
                    if (ended) {
                        return -1;
                    }
                    Object item = pending != null ? pending : take();
                    pending = null;
                    if (item == END) {
                        ended = true;
                        return -1;
                    }
                    if (item instanceof IOException cancelled) {
                        throw cancelled;
                    }
                    ImportDataRequest message = (ImportDataRequest) item;
                    if (message.getPayloadCase() != ImportDataRequest.PayloadCase.DATA) {
                        throw Invalid.field("record", "an upload sends records or bytes, not both");
                    }
                    chunk = message.getData();
                    offset = 0;
                    total += chunk.size();
                    if (total > maxBytes) {
                        throw new TooLarge("an upload in this format takes at most " + maxBytes / (1024 * 1024)
                                + " MiB");
                    }
                }
                int n = Math.min(length, chunk.size() - offset);
                chunk.copyTo(into, offset, from, n);
                offset += n;
                return n;
            }
        }
    }
}
