package dev.prompttracker.adapter.http.grpc;

import dev.prompttracker.domain.access.ContentAccess;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressSummary;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.subscriber.DiscountCode;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.proto.v1.ChapterAnalytics;
import dev.prompttracker.proto.v1.ChapterProgress;
import dev.prompttracker.proto.v1.ContentAccessEntry;

/** The content product's domain values to their proto messages. */
final class ContentProtoMapper {
    private ContentProtoMapper() {
    }

    static dev.prompttracker.proto.v1.Subscriber subscriber(Subscriber s) {
        var builder = dev.prompttracker.proto.v1.Subscriber.newBuilder()
                .setEmail(s.email().value())
                .setFirstName(s.firstName().map(PersonName::value).orElse(""))
                .setLastName(s.lastName().map(PersonName::value).orElse(""))
                .setHasAccess(s.hasAccess())
                .setHasPurchased(s.hasPurchased())
                .setDiscountCode(s.discountCode().map(DiscountCode::value).orElse(""))
                .setEmailsSent(s.emailsSent())
                .setCreatedAt(ProtoMapper.timestamp(s.createdAt()))
                .setUpdatedAt(ProtoMapper.timestamp(s.updatedAt()))
                .setState(s.state().name())
                .setReferrer(s.source().referrer().orElse(""))
                .setUtmSource(s.source().utmSource().orElse(""))
                .setUtmMedium(s.source().utmMedium().orElse(""))
                .setUtmCampaign(s.source().utmCampaign().orElse(""));
        s.lastEmailSent().ifPresent(at -> builder.setLastEmailSent(ProtoMapper.timestamp(at)));
        return builder.build();
    }

    static ChapterProgress chapter(ReadingProgress p) {
        return ChapterProgress.newBuilder()
                .setChapterNumber(p.chapter().value())
                .setCompleted(p.completed())
                .setTimeSpentSeconds(saturated(p.timeSpentSeconds()))
                .addAllVideosWatched(p.videosWatched())
                .addAllQuizzesPassed(p.quizzesPassed())
                .setUpdatedAt(ProtoMapper.timestamp(p.updatedAt()))
                .build();
    }

    static dev.prompttracker.proto.v1.ProgressSummary summary(ProgressSummary summary) {
        return dev.prompttracker.proto.v1.ProgressSummary.newBuilder()
                .setChaptersCompleted(summary.chaptersCompleted())
                .setTotalTimeSpentSeconds(saturated(summary.totalTimeSpentSeconds()))
                .build();
    }

    static ChapterAnalytics analytics(ChapterStats stats) {
        return ChapterAnalytics.newBuilder()
                .setChapterNumber(stats.chapter().value())
                .setReaders(stats.readers())
                .setCompletions(stats.completions())
                .setCompletionRate(stats.completionRate())
                .setAverageTimeSpentSeconds(stats.averageTimeSpentSeconds())
                .build();
    }

    static ContentAccessEntry access(ContentAccess e) {
        return ContentAccessEntry.newBuilder()
                .setId(e.id())
                .setEmail(e.email().value())
                .setChapterNumber(e.chapter().value())
                .setAccessType(e.type().name())
                .setIp(e.ip())
                .setUserAgent(e.userAgent())
                .setCreatedAt(ProtoMapper.timestamp(e.at()))
                .build();
    }

    /** Counts travel as 32-bit JSON numbers; totals beyond that (68 years of reading) are capped. */
    private static int saturated(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
