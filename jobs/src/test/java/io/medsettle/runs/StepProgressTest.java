package io.medsettle.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class StepProgressTest {

    private final Logger progress = (Logger) LoggerFactory.getLogger("medsettle.progress");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        progress.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        progress.detachAppender(lines);
    }

    private List<String> printed() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aLineEveryHundredThousandRowsWithTheCountAndNothingInBetween() {
        StepProgress rows = new StepProgress("stageDischarges", "rows read");
        for (int i = 0; i < 250_000; i++) {
            rows.row();
        }
        assertThat(printed()).hasSize(2);
        assertThat(printed().get(0)).startsWith("  stageDischarges: 100,000 rows read (");
        assertThat(printed().get(1)).startsWith("  stageDischarges: 200,000 rows read (");
    }

    @Test
    void aMilestoneIsSaidOnceTheStepHasTakenAWhileWithTheTimeFromItsStart() throws InterruptedException {
        StepProgress load = new StepProgress("loadDischarges", "rows loaded");
        load.milestone("sorted");
        assertThat(printed()).as("a quick step says nothing").isEmpty();

        Thread.sleep(2_100);
        load.milestone("rows sorted by member");
        assertThat(printed()).singleElement().asString().startsWith("  loadDischarges: rows sorted by member (2.");
    }

    @Test
    void aShortStepEndsWithoutALineALongOneWithItsCounts() throws InterruptedException {
        StepExecution execution = MetaDataInstanceFactory.createStepExecution("finishIntake", 1L);
        execution.setReadCount(1_234_567);
        StepProgress listener = new StepProgress("finishIntake", "rows");

        listener.beforeStep(execution);
        listener.afterStep(execution);
        assertThat(printed()).isEmpty();

        listener.beforeStep(execution);
        Thread.sleep(2_100);
        listener.afterStep(execution);
        assertThat(printed()).singleElement().asString().startsWith("  finishIntake: ").contains("(read 1,234,567, written 0)");
    }
}
