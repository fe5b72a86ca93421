/**
 * Checks on a generated state machine definition: every state reachable from StartAt (the Distributed Map's own
 * states from its StartAt), every transition to a state that exists, every Task with Retry and Catch, a way to end.
 */
import { expect } from "chai";

type States = Record<string, any>;

/** The states a state leads to: Next, Default, the Choices' and the Catchers' Next. */
function targetsOf(state: any): string[] {
    return [state.Next, state.Default, ...(state.Choices ?? []).map((c: any) => c.Next), ...(state.Catch ?? []).map((c: any) => c.Next)].filter((t): t is string => typeof t === "string");
}

/** Checks one level (the machine, or a Map's ItemProcessor) and the levels inside it; returns every Task checked. */
function checkLevel(level: { StartAt: string; States: States }, where: string): string[] {
    const names = Object.keys(level.States);
    expect(names, `${where}: StartAt`).to.include(level.StartAt);
    const reached = new Set<string>([level.StartAt]);
    const queue = [level.StartAt];
    while (queue.length > 0) {
        const state = level.States[queue.shift()!];
        for (const next of targetsOf(state)) {
            expect(names, `${where}: a transition to ${next}`).to.include(next);
            if (!reached.has(next)) {
                reached.add(next);
                queue.push(next);
            }
        }
    }
    expect([...reached].sort(), `${where}: states unreachable from ${level.StartAt}`).to.deep.equal([...names].sort());
    expect(
        names.some((n) => ["Succeed", "Fail"].includes(level.States[n].Type) || level.States[n].End === true),
        `${where}: a state that ends`,
    ).to.equal(true);
    const tasks: string[] = [];
    for (const [name, state] of Object.entries(level.States)) {
        if (state.Type === "Task" || state.Type === "Map") {
            expect(state.Retry, `${where}.${name}: Retry`).to.be.an("array").that.is.not.empty;
            expect(state.Catch, `${where}.${name}: Catch`).to.be.an("array").that.is.not.empty;
            expect(state.Catch.some((c: any) => c.ErrorEquals.includes("States.ALL")), `${where}.${name}: catches every error`).to.equal(true);
            tasks.push(`${where}.${name}`);
        }
        if (state.Type !== "Choice" && state.Type !== "Succeed" && state.Type !== "Fail") {
            expect(state.End === true || typeof state.Next === "string", `${where}.${name}: Next or End`).to.equal(true);
        }
        if (state.Type === "Map") {
            tasks.push(...checkLevel(state.ItemProcessor, `${where}.${name}`));
        }
    }
    return tasks;
}

/** Checks the definition; returns the Tasks (and Maps) it checked, by path. */
export function checkDefinition(definition: { StartAt: string; States: States }): string[] {
    return checkLevel(definition, "machine");
}
