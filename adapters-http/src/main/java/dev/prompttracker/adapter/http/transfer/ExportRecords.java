package dev.prompttracker.adapter.http.transfer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.prompttracker.application.port.in.ExportEntry;
import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.application.port.in.ImportReport;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.proto.v1.ExportHeader;
import dev.prompttracker.proto.v1.ExportRecord;
import dev.prompttracker.proto.v1.ExportedCollection;
import dev.prompttracker.proto.v1.ExportedPreference;
import dev.prompttracker.proto.v1.ExportedPrompt;
import dev.prompttracker.proto.v1.ExportedRating;
import dev.prompttracker.proto.v1.ExportedResponse;
import dev.prompttracker.proto.v1.ExportedVersion;
import dev.prompttracker.proto.v1.ImportCount;
import dev.prompttracker.proto.v1.ImportIssue;

import java.time.Instant;

/**
 * Export records between the core's types and transfer.proto, which defines the file: a download line
 * is {@link #line} of a record, an upload line goes back through {@link #parse} and {@link #item}.
 */
public final class ExportRecords {
    /** The proto3 JSON mapping on one line; fields at their defaults included, as everywhere in the API. */
    private static final JsonFormat.Printer LINE = JsonFormat.printer().omittingInsignificantWhitespace()
            .alwaysPrintFieldsWithNoPresence();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    static final JsonFormat.Printer REPORT = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private ExportRecords() {
    }

    public static ExportRecord record(ExportEntry entry) {
        ExportRecord.Builder record = ExportRecord.newBuilder();
        switch (entry) {
            case ExportEntry.Header h -> record.setHeader(ExportHeader.newBuilder().setFormat(h.format())
                    .setFormatVersion(h.formatVersion()).setExportedAt(timestamp(h.exportedAt()))
                    .setOwnerId(h.owner().value()));
            case ExportEntry.PromptEntry p -> record.setPrompt(ExportedPrompt.newBuilder()
                    .setId(p.prompt().id().value())
                    .setOwnerId(p.prompt().ownerId().value())
                    .setTitle(p.prompt().title().map(Title::value).orElse(""))
                    .setText(p.text().value())
                    .addAllTags(p.prompt().tags().strings())
                    .setIsPublic(p.prompt().isPublic())
                    .setCreatedAt(timestamp(p.prompt().createdAt()))
                    .setUpdatedAt(timestamp(p.prompt().updatedAt()))
                    .setTextVersion(p.prompt().textVersion()));
            case ExportEntry.VersionEntry v -> record.setVersion(ExportedVersion.newBuilder()
                    .setPromptId(v.version().promptId().value())
                    .setNumber(v.version().number())
                    .setTitle(v.version().title().map(Title::value).orElse(""))
                    .setText(v.text().value())
                    .setAuthorId(v.version().authorId().value())
                    .setMessage(v.version().message().map(VersionMessage::value).orElse(""))
                    .setCreatedAt(timestamp(v.version().createdAt())));
            case ExportEntry.ResponseEntry r -> record.setResponse(ExportedResponse.newBuilder()
                    .setId(r.response().id().value())
                    .setPromptId(r.response().promptId().value())
                    .setModelName(r.response().modelName().value())
                    .setText(r.text().value())
                    .setIsMarkdown(r.response().isMarkdown())
                    .setPromptVersion(r.response().promptVersion())
                    .setCreatedAt(timestamp(r.response().createdAt()))
                    .setUpdatedAt(timestamp(r.response().updatedAt())));
            case ExportEntry.RatingEntry r -> record.setRating(ExportedRating.newBuilder()
                    .setPromptId(r.rating().promptId().value())
                    .setResponseId(r.rating().responseId().value())
                    .setStars(r.rating().stars().value())
                    .setNote(r.rating().note().value())
                    .setUpdatedAt(timestamp(r.rating().updatedAt())));
            case ExportEntry.PreferenceEntry p -> record.setPreference(ExportedPreference.newBuilder()
                    .setPromptId(p.preference().promptId().value())
                    .setChosenResponseId(p.preference().chosen().value())
                    .setRejectedResponseId(p.preference().rejected().value())
                    .setReason(p.preference().reason().value())
                    .setUpdatedAt(timestamp(p.preference().updatedAt())));
            case ExportEntry.CollectionEntry c -> record.setCollection(ExportedCollection.newBuilder()
                    .setId(c.collection().id().value())
                    .setOwnerId(c.collection().ownerId().value())
                    .setName(c.collection().name().value())
                    .setDescription(c.collection().description().value())
                    .setIsPublic(c.collection().isPublic())
                    .addAllPromptIds(c.promptIds().stream().map(PromptId::value).toList())
                    .setCreatedAt(timestamp(c.collection().createdAt()))
                    .setUpdatedAt(timestamp(c.collection().updatedAt())));
        }
        return record.build();
    }

    /** One line of the download: the record's JSON and a line feed. */
    public static String line(ExportRecord record) {
        try {
            return LINE.print(record) + "\n";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an export record always prints", e);
        }
    }

    /** One line of an upload as a record; {@code InvalidProtocolBufferException} when it is not one. */
    static ExportRecord parse(String line) throws InvalidProtocolBufferException {
        ExportRecord.Builder record = ExportRecord.newBuilder();
        PARSER.merge(line, record);
        return record.build();
    }

    /** The record as an import item, found at {@code location}. */
    public static ImportItem item(ExportRecord record, String location) {
        return switch (record.getRecordCase()) {
            case HEADER -> new ImportItem.OwnHeader(location, record.getHeader().getFormat(),
                    record.getHeader().getFormatVersion(), record.getHeader().getOwnerId());
            case PROMPT -> {
                ExportedPrompt p = record.getPrompt();
                yield new ImportItem.OwnPrompt(location, p.getId(), p.getOwnerId(), p.getTitle(), p.getText(),
                        p.getTagsList(), p.getIsPublic(), instant(p.getCreatedAt()), instant(p.getUpdatedAt()),
                        p.getTextVersion());
            }
            case VERSION -> {
                ExportedVersion v = record.getVersion();
                yield new ImportItem.OwnVersion(location, v.getPromptId(), v.getNumber(), v.getTitle(), v.getText(),
                        v.getAuthorId(), v.getMessage(), instant(v.getCreatedAt()));
            }
            case RESPONSE -> {
                ExportedResponse r = record.getResponse();
                yield new ImportItem.OwnResponse(location, r.getId(), r.getPromptId(), r.getModelName(), r.getText(),
                        r.getIsMarkdown(), r.getPromptVersion(), instant(r.getCreatedAt()), instant(r.getUpdatedAt()));
            }
            case RATING -> {
                ExportedRating r = record.getRating();
                yield new ImportItem.OwnRating(location, r.getPromptId(), r.getResponseId(), r.getStars(), r.getNote(),
                        instant(r.getUpdatedAt()));
            }
            case PREFERENCE -> {
                ExportedPreference p = record.getPreference();
                yield new ImportItem.OwnPreference(location, p.getPromptId(), p.getChosenResponseId(),
                        p.getRejectedResponseId(), p.getReason(), instant(p.getUpdatedAt()));
            }
            case COLLECTION -> {
                ExportedCollection c = record.getCollection();
                yield new ImportItem.OwnCollection(location, c.getId(), c.getOwnerId(), c.getName(),
                        c.getDescription(), c.getIsPublic(), c.getPromptIdsList(), instant(c.getCreatedAt()),
                        instant(c.getUpdatedAt()));
            }
            case RECORD_NOT_SET -> new ImportItem.Unreadable(location, "not a record of an export");
        };
    }

    public static dev.prompttracker.proto.v1.ImportReport report(ImportReport report) {
        var proto = dev.prompttracker.proto.v1.ImportReport.newBuilder()
                .setFormat(report.format())
                .setSkippedTotal(report.skippedCount());
        for (ImportReport.Kind kind : ImportReport.Kind.values()) {
            ImportReport.Count count = report.count(kind);
            proto.addCounts(ImportCount.newBuilder().setKind(kind.label()).setCreated(count.created())
                    .setAlreadyPresent(count.alreadyPresent()));
        }
        report.skipped().forEach(issue -> proto.addSkipped(issue(issue)));
        report.notes().forEach(issue -> proto.addNotes(issue(issue)));
        return proto.build();
    }

    /** The report as the REST upload answers it (the proto3 JSON mapping, defaults included). */
    public static String reportJson(dev.prompttracker.proto.v1.ImportReport report) {
        try {
            return REPORT.print(report);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a report always prints", e);
        }
    }

    private static ImportIssue issue(ImportReport.Issue issue) {
        return ImportIssue.newBuilder().setLocation(issue.location()).setReason(issue.reason()).build();
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private static Instant instant(Timestamp at) {
        return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
    }
}
