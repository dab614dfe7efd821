package dev.ecspublicip.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown pages, and whether each resolves: the file or directory exists inside
 * the repository, and a {@code #fragment} names a heading of the Markdown page it points to, by GitHub's
 * anchor rules. Links to other sites are not followed.
 */
final class DocLinks {
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    /** {@code [text](target)} and {@code ![alt](target)}; the target up to a space (a title) or the parenthesis. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(\\s+\"[^\"]*\")?\\s*\\)");

    private static final Pattern REFERENCE_DEFINITION =
            Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(\\s.*)?$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    DocLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One link, where it is, and what is wrong with it. */
    record Problem(String page, int line, String target, String why) {
        @Override
        public String toString() {
            return page + ":" + line + ": (" + target + ") " + why;
        }
    }

    /** Every relative link on the page that does not resolve; a link whose file is in {@code pending} is let be. */
    List<Problem> problems(Path page, Set<String> pending) {
        List<Problem> problems = new ArrayList<>();
        String shown = root.relativize(page.toAbsolutePath().normalize()).toString();
        List<String> lines = lines(page);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            for (String target : targets(line)) {
                String why = check(page, target, pending);
                if (why != null) {
                    problems.add(new Problem(shown, i + 1, target, why));
                }
            }
        }
        return problems;
    }

    private static List<String> targets(String line) {
        List<String> targets = new ArrayList<>();
        Matcher definition = REFERENCE_DEFINITION.matcher(line);
        if (definition.matches()) {
            targets.add(definition.group(1));
            return targets;
        }
        String text = CODE_SPAN.matcher(line).replaceAll("");
        Matcher link = INLINE_LINK.matcher(text);
        while (link.find()) {
            targets.add(link.group(2));
        }
        return targets;
    }

    /** Why the target does not resolve, or null when it does. */
    private String check(Path page, String target, Set<String> pending) {
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
        Path resolved = file.isEmpty()
                ? page.toAbsolutePath().normalize()
                : page.toAbsolutePath()
                        .getParent()
                        .resolve(URLDecoder.decode(file, StandardCharsets.UTF_8))
                        .normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        String relative = root.relativize(resolved).toString().replace('\\', '/');
        if (!Files.exists(resolved)) {
            return pending.contains(relative) ? null : "no such file or directory: " + relative;
        }
        if (fragment == null) {
            return null;
        }
        if (!resolved.getFileName().toString().endsWith(".md")) {
            return "a #fragment on a file that is not Markdown";
        }
        Set<String> headings = anchors.computeIfAbsent(resolved, DocLinks::anchorsOf);
        return headings.contains(fragment) ? null : "no heading with anchor #" + fragment + " in " + relative;
    }

    /** The anchors GitHub gives the page's headings, in order, a repeated one numbered -1, -2, .... */
    static Set<String> anchorsOf(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines(page)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (fenced || !heading.matches()) {
                continue;
            }
            String slug = slug(heading.group(1));
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: its text as rendered (code spans keep their text, links their label,
     * emphasis marks go), lower-cased, every character but letters, digits, '-', '_' and spaces dropped,
     * each space a '-'.
     */
    static String slug(String heading) {
        String text = CODE_SPAN.matcher(heading).replaceAll("$2");
        text = text.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        text = text.replaceAll("(\\*+|(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}]))", "");
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (c == ' ') {
                slug.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            }
        });
        return slug.toString();
    }

    private static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
