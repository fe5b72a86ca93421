/** Deterministic pseudo-random choices for the generated cross-check variants (mulberry32). */
export class Rng {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** A float in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    int(maxExclusive: number): number {
        return Math.floor(this.next() * maxExclusive);
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        if (items.length === 0) {
            throw new Error("pick from an empty list");
        }
        return items[this.int(items.length)];
    }

    /** `count` distinct items, in a random order. */
    sample<T>(items: readonly T[], count: number): T[] {
        const copy = [...items];
        for (let i = copy.length - 1; i > 0; i--) {
            const j = this.int(i + 1);
            [copy[i], copy[j]] = [copy[j], copy[i]];
        }
        return copy.slice(0, Math.min(count, copy.length));
    }

    /** The same text with a random mix of upper and lower case letters (IAM keys and actions ignore case). */
    scrambleCase(text: string): string {
        const style = this.int(3);
        if (style === 0) {
            return text.toLowerCase();
        }
        if (style === 1) {
            return text.toUpperCase();
        }
        return text
            .split("")
            .map((ch) => (this.chance(0.5) ? ch.toUpperCase() : ch.toLowerCase()))
            .join("");
    }
}
