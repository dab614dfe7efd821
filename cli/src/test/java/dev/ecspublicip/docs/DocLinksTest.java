package dev.ecspublicip.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of README.md, ARCHITECTURE.md and docs/*.md resolves, #anchors included. */
class DocLinksTest {
    /**
     * Link targets written by work not merged yet, let be while they are missing. Each entry must go once
     * its file exists: the test fails on an entry whose file is there.
     */
    private static final Set<String> PENDING = Set.of();

    private static List<Path> pages() throws IOException {
        Path root = Reference.projectDir();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("ARCHITECTURE.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyRelativeLinkAndAnchorInTheDocsResolves() throws IOException {
        DocLinks links = new DocLinks(Reference.projectDir());
        List<DocLinks.Problem> problems = new ArrayList<>();
        for (Path page : pages()) {
            problems.addAll(links.problems(page, PENDING));
        }
        assertEquals(
                "",
                problems.stream().map(DocLinks.Problem::toString).collect(Collectors.joining("\n")),
                "broken links");
    }

    @Test
    void aPendingTargetThatExistsIsNoLongerPending() {
        for (String target : PENDING) {
            assertFalse(
                    Files.exists(Reference.projectDir().resolve(target)),
                    target + " exists now: remove it from DocLinksTest.PENDING");
        }
    }

    @Test
    void theReadmeLinksEveryDocsPage() throws IOException {
        String readme = Files.readString(Reference.projectDir().resolve("README.md"));
        for (Path page : pages().subList(1, pages().size())) {
            String name = Reference.projectDir().relativize(page).toString().replace('\\', '/');
            assertTrue(readme.contains("](" + name + ")"), "README.md links to " + name);
        }
    }

    @Test
    void aMissingFileAMissingAnchorAndALinkOutOfTheRepositoryAreEachFound(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.md"), "# A page\n\n## `check` in a pipeline\n\n## Twice\n\n## Twice\n");
        Path page = root.resolve("README.md");
        Files.writeString(
                page,
                String.join(
                        "\n",
                        "# Title",
                        "[fine](docs/a.md#check-in-a-pipeline) [fine too](docs/a.md#twice-1) [here](#title)",
                        "[gone](docs/b.md) [no anchor](docs/a.md#deploy) [no local anchor](#nowhere)",
                        "[out](../elsewhere.md) [web](https://example.com/x#y) `[in code](missing.md)`",
                        "```",
                        "[in a fence](missing.md)",
                        "```",
                        "[pending](docs/c.md)",
                        "[ref]: docs/missing-ref.md",
                        ""));

        List<String> found = new DocLinks(root)
                .problems(page, Set.of("docs/c.md")).stream()
                        .map(DocLinks.Problem::toString)
                        .toList();

        assertEquals(
                List.of(
                        "README.md:3: (docs/b.md) no such file or directory: docs/b.md",
                        "README.md:3: (docs/a.md#deploy) no heading with anchor #deploy in docs/a.md",
                        "README.md:3: (#nowhere) no heading with anchor #nowhere in README.md",
                        "README.md:4: (../elsewhere.md) points outside the repository",
                        "README.md:9: (docs/missing-ref.md) no such file or directory: docs/missing-ref.md"),
                found);
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertEquals("check-in-a-pipeline", DocLinks.slug("`check` in a pipeline"));
        assertEquals("deployment-what-it-rests-on", DocLinks.slug("Deployment: what it rests on"));
        assertEquals("the-sweeps-log-line", DocLinks.slug("The sweep's log line"));
        assertEquals(
                "before-and-after-the-reactor-2026-11-30", DocLinks.slug("Before and after the reactor (2026-11-30)"));
        assertEquals("iam-policy-for-scan-and-remediate", DocLinks.slug("IAM policy for scan and remediate"));
        assertEquals("test-events", DocLinks.slug("test-events/"));
        assertEquals("exempt_ecs_arns-bold", DocLinks.slug("exempt_ecs_arns **bold**"));
        assertEquals("ops--alarms", DocLinks.slug("Ops — alarms"));
    }
}
