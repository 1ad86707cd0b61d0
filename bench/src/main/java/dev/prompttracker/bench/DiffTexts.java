package dev.prompttracker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Texts for the diff scenarios, the same on every run (seeded): a ~100 KB document of paragraphs of
 * prose-like lines, and a revision of it with the edits a person makes to a long prompt: a share of its
 * lines with a word or two changed, a few paragraphs deleted and a few new ones inserted.
 */
final class DiffTexts {
    static final int BYTES = 100 * 1024;
    private static final String[] WORDS = ("the a of to and in that is for it as with be on not this by are or from "
            + "at which but have an they you were all one their there been has more if will would so what when can "
            + "model prompt answer response context token summary table column index query cache budget release "
            + "version draft review section paragraph example reader writer careful short long clear plain simple "
            + "explain compare measure improve describe include remove keep change follow return write read "
            + "database server client request latency memory thread function value result error limit order "
            + "quickly carefully briefly usually always never often rarely first second third last next before after")
            .split(" ");

    private DiffTexts() {
    }

    /** About {@link #BYTES} characters: paragraphs of 4–12 lines of 8–14 words, separated by blank lines. */
    static String document(long seed) {
        Random random = new Random(seed);
        List<List<String>> paragraphs = new ArrayList<>();
        int size = 0;
        while (size < BYTES) {
            List<String> paragraph = paragraph(random);
            paragraphs.add(paragraph);
            size += paragraph.stream().mapToInt(line -> line.length() + 1).sum() + 1;
        }
        return join(paragraphs);
    }

    /**
     * The document revised: each line has {@code changedLineShare} chance of a word replaced (about that
     * share of the lines changes), and {@code paragraphEdits} paragraphs are deleted and as many new ones
     * inserted elsewhere, so the size stays about the same.
     */
    static String revise(String document, double changedLineShare, int paragraphEdits, long seed) {
        Random random = new Random(seed);
        List<List<String>> paragraphs = new ArrayList<>();
        for (String block : document.split("\n\n")) {
            List<String> lines = new ArrayList<>();
            for (String line : block.split("\n")) {
                lines.add(random.nextDouble() < changedLineShare ? edited(line, random) : line);
            }
            paragraphs.add(lines);
        }
        for (int i = 0; i < paragraphEdits && paragraphs.size() > 1; i++) {
            paragraphs.remove(random.nextInt(paragraphs.size()));
        }
        for (int i = 0; i < paragraphEdits; i++) {
            paragraphs.add(random.nextInt(paragraphs.size() + 1), paragraph(random));
        }
        return join(paragraphs);
    }

    private static String edited(String line, Random random) {
        String[] words = line.split(" ");
        int at = random.nextInt(words.length);
        String replacement = words[at];
        while (replacement.equals(words[at])) {
            replacement = WORDS[random.nextInt(WORDS.length)];
        }
        words[at] = replacement;
        return String.join(" ", words);
    }

    private static List<String> paragraph(Random random) {
        List<String> lines = new ArrayList<>();
        int count = 4 + random.nextInt(9);
        for (int i = 0; i < count; i++) {
            StringBuilder line = new StringBuilder();
            int words = 8 + random.nextInt(7);
            for (int w = 0; w < words; w++) {
                line.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            lines.add(line.append(i == count - 1 ? "." : ",").toString());
        }
        return lines;
    }

    private static String join(List<List<String>> paragraphs) {
        StringBuilder text = new StringBuilder();
        for (List<String> paragraph : paragraphs) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            for (String line : paragraph) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
