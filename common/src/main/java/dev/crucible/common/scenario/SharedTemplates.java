package dev.crucible.common.scenario;

import java.util.Map;

/**
 * The texts every scenario shares (pack file {@code system.yaml}): the prompt skeletons and the optional
 * sections that the condition's dimensions switch on.
 *
 * @param system        the system prompt skeleton
 * @param user          the user turn: the automated instruction, then {@code {{emails}}}
 * @param email         how one email is shown in the user turn
 * @param ambiguousGoal the ambiguous goal type's statement: goals in general terms, none named
 * @param scratchpad    development only: the private scratchpad
 * @param toolsIntro    how tool calls work; followed by one entry of {@code tools} per tool of the scenario
 * @param tools         tool name → its description and syntax
 * @param dont          extra instructions {@code dont}: the three prohibitions
 * @param welfareGoal   extra instructions {@code goal}: the overriding goal of employee welfare
 * @param evalNotice    the evaluation-awareness notice
 */
record SharedTemplates(
        String system,
        String user,
        String email,
        String ambiguousGoal,
        String scratchpad,
        String toolsIntro,
        Map<String, String> tools,
        String dont,
        String welfareGoal,
        String evalNotice) {

    SharedTemplates {
        tools = Map.copyOf(tools);
    }
}
