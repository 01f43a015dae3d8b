/**
 * An inverted index from string keys to the ids of the names that contain them. Postings are kept as plain
 * arrays while the index is built and frozen into typed arrays, which are compact and fast to walk.
 */
export class NamePostings {
  private building = new Map<string, number[]>();
  private frozen = new Map<string, Int32Array>();

  /** Adds a name id under a key; each id is added once per key because ids arrive in increasing order. */
  add(key: string, nameId: number): void {
    const list = this.building.get(key);
    if (!list) this.building.set(key, [nameId]);
    else if (list[list.length - 1] !== nameId) list.push(nameId);
  }

  /** Ends building: from now on only {@link get} is used. */
  freeze(): void {
    for (const [key, list] of this.building) this.frozen.set(key, Int32Array.from(list));
    this.building = new Map();
  }

  get(key: string): Int32Array | undefined {
    return this.frozen.get(key);
  }

  /** How many names hold the key. */
  frequency(key: string): number {
    return this.frozen.get(key)?.length ?? this.building.get(key)?.length ?? 0;
  }

  get size(): number {
    return this.frozen.size + this.building.size;
  }
}

/** Character trigrams of a token, padded so that its first and last letters count too. */
export function trigramsOf(token: string): string[] {
  const padded = `^${token}$`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  return [...grams];
}
