package dev.imagedrift.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.imagedrift.detect.DriftStatus.DRIFT;
import static dev.imagedrift.detect.DriftStatus.INSUFFICIENT_DATA;
import static dev.imagedrift.detect.DriftStatus.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertTrackerTest {
    private static final AlertPolicy DEFAULTS = AlertPolicy.defaults();

    /** The transitions a sequence of window statuses produces, from the initial state. */
    private static List<AlertTransition> run(AlertPolicy policy, DriftStatus... statuses) {
        AlertState state = AlertState.initial();
        List<AlertTransition> transitions = new ArrayList<>();
        for (DriftStatus status : statuses) {
            AlertStep step = AlertTracker.next(policy, state, status);
            transitions.add(step.transition());
            state = step.state();
        }
        return transitions;
    }

    private static AlertState stateAfter(AlertPolicy policy, DriftStatus... statuses) {
        AlertState state = AlertState.initial();
        for (DriftStatus status : statuses) state = AlertTracker.next(policy, state, status).state();
        return state;
    }

    @Test
    void defaultsAreTwoOfThreeToFireAndTwoCleanToResolve() {
        assertEquals(new AlertPolicy(2, 3, 2), DEFAULTS);
    }

    @Test
    void firesAfterTwoOfTheLastThreeAndNotBefore() {
        assertEquals(List.of(AlertTransition.NONE), run(DEFAULTS, DRIFT));
        assertEquals(List.of(AlertTransition.NONE, AlertTransition.NONE, AlertTransition.FIRING),
                run(DEFAULTS, DRIFT, OK, DRIFT));
        // D O O D: the first drift has left the last three windows.
        assertEquals(List.of(AlertTransition.NONE, AlertTransition.NONE, AlertTransition.NONE, AlertTransition.NONE),
                run(DEFAULTS, DRIFT, OK, OK, DRIFT));
    }

    @Test
    void aLongDriftFiresOnce() {
        List<AlertTransition> transitions = run(DEFAULTS, DRIFT, DRIFT, DRIFT, DRIFT, DRIFT, DRIFT, DRIFT);
        assertEquals(1, transitions.stream().filter(t -> t == AlertTransition.FIRING).count());
        assertEquals(AlertTransition.FIRING, transitions.get(1));
        assertTrue(stateAfter(DEFAULTS, DRIFT, DRIFT, DRIFT).firing());
    }

    @Test
    void resolvesAfterTwoConsecutiveCleanWindowsOnly() {
        assertEquals(List.of(AlertTransition.NONE, AlertTransition.FIRING, AlertTransition.NONE, AlertTransition.NONE,
                        AlertTransition.NONE, AlertTransition.RESOLVED),
                run(DEFAULTS, DRIFT, DRIFT, OK, DRIFT, OK, OK));
        assertFalse(stateAfter(DEFAULTS, DRIFT, DRIFT, OK, OK).firing());
    }

    @Test
    void afterResolvingANewAlertNeedsFreshDrift() {
        AlertPolicy policy = new AlertPolicy(2, 5, 1);
        // D D fire, O resolves; one more D must not re-fire on the old drift windows.
        assertEquals(List.of(AlertTransition.NONE, AlertTransition.FIRING, AlertTransition.RESOLVED,
                        AlertTransition.NONE, AlertTransition.FIRING),
                run(policy, DRIFT, DRIFT, OK, DRIFT, DRIFT));
    }

    @Test
    void insufficientDataChangesNothing() {
        AlertState firing = stateAfter(DEFAULTS, DRIFT, DRIFT, OK);
        AlertStep step = AlertTracker.next(DEFAULTS, firing, INSUFFICIENT_DATA);
        assertEquals(firing, step.state());
        assertEquals(AlertTransition.NONE, step.transition());
        // Neither drift nor clean: D ? D fires (2 of the last 3 evaluated), O ? O resolves.
        assertEquals(AlertTransition.FIRING, run(DEFAULTS, DRIFT, INSUFFICIENT_DATA, INSUFFICIENT_DATA, DRIFT).get(3));
        assertEquals(AlertTransition.RESOLVED,
                run(DEFAULTS, DRIFT, DRIFT, OK, INSUFFICIENT_DATA, OK).get(4));
    }

    @Test
    void aPolicyOfSixtyFourWindowsWorks() {
        AlertPolicy wide = new AlertPolicy(64, 64, 1);
        DriftStatus[] statuses = new DriftStatus[64];
        java.util.Arrays.fill(statuses, DRIFT);
        List<AlertTransition> transitions = run(wide, statuses);
        assertEquals(AlertTransition.NONE, transitions.get(62));
        assertEquals(AlertTransition.FIRING, transitions.get(63));
    }

    @Test
    void policyValidationNamesTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AlertPolicy(0, 3, 2)).getMessage()
                .startsWith("fireAfter"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AlertPolicy(4, 3, 2)).getMessage()
                .startsWith("outOf"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AlertPolicy(2, 65, 2)).getMessage()
                .startsWith("outOf"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AlertPolicy(2, 3, 0)).getMessage()
                .startsWith("resolveAfter"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AlertTracker.next(DEFAULTS, null, OK)).getMessage().startsWith("state"));
    }

    @Test
    void stateAndPolicyRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        AlertState state = stateAfter(DEFAULTS, DRIFT, DRIFT, OK);
        assertEquals(state, mapper.readValue(mapper.writeValueAsString(state), AlertState.class));
        assertEquals(DEFAULTS, mapper.readValue(mapper.writeValueAsString(DEFAULTS), AlertPolicy.class));
    }
}
