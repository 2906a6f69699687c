'use strict';
/** Seeded randomness for fixtures: same seed, same data, on every machine and Node version. */

/** mulberry32: 32-bit state, fast and good enough for test data. */
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Folds integers into one 32-bit seed (FNV-1a style), e.g. `mix(seed, shopSalt, row)`. */
function mix(...parts) {
	let h = 0x811c9dc5;
	for (const part of parts) {
		h = Math.imul(h ^ (part >>> 0), 16777619);
		h ^= h >>> 13;
	}
	return h >>> 0;
}

class Random {
	constructor(seed) {
		this.next = mulberry32(seed);
	}

	/** Integer in [0, n). */
	int(n) {
		return Math.floor(this.next() * n);
	}

	pick(list) {
		return list[this.int(list.length)];
	}

	chance(p) {
		return this.next() < p;
	}

	/** Index into `weights` drawn proportionally to the weights. */
	weighted(weights) {
		const total = weights.reduce((sum, w) => sum + w, 0);
		let x = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			x -= weights[i];
			if (x < 0) return i;
		}
		return weights.length - 1;
	}

	/** `digits` decimal digits, as a string (ids bigger than 2^53 stay exact). */
	digits(count) {
		let out = String(1 + this.int(9));
		while (out.length < count) out += String(this.int(10));
		return out;
	}
}

module.exports = { mulberry32, mix, Random };
