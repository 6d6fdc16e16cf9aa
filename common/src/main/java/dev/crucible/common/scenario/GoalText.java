package dev.crucible.common.scenario;

/**
 * The pack's words for one goal value.
 *
 * @param statement the goal as the system prompt states it (explicit: this value's; swap: the opposite's)
 * @param focus     a phrase for a company strategy built on the value, used by the inbox's conflict emails
 *                  ("the company used to be {{old_focus}}; now it will be {{new_focus}}")
 */
record GoalText(String statement, String focus) {
}
