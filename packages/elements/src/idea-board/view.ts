import type { ClusterSnapshot, IdeaSnapshot } from '@coproduce/core';

/** How the board orders ideas within each group. */
export type SortOrder = 'oldest' | 'newest' | 'votes';
export const SORT_ORDERS: readonly SortOrder[] = ['oldest', 'newest', 'votes'];

/** The key of the "not grouped" section (never a valid cluster id: ids have no spaces). */
export const UNGROUPED = 'not grouped';

export interface ViewOptions {
  /** Words to look for in the text and tag (any order, accents and case ignored). */
  readonly query: string;
  /** `''` for every group, {@link UNGROUPED}, or a cluster id. */
  readonly cluster: string;
  /** `''` for every tag, otherwise a tag (case ignored). */
  readonly tag: string;
  readonly sort: SortOrder;
  /** Vote totals by idea id, when the board has a visible poll. */
  readonly votes: ReadonlyMap<string, number> | null;
}

export interface Section {
  /** {@link UNGROUPED} or the cluster id. */
  readonly key: string;
  readonly cluster: ClusterSnapshot | null;
  /** The ideas to show, filtered and sorted. */
  readonly ideas: readonly IdeaSnapshot[];
  /** How many ideas the section holds before filtering. */
  readonly total: number;
}

export interface BoardView {
  readonly sections: readonly Section[];
  /** Ideas shown after filtering. */
  readonly shown: number;
  /** All ideas the viewer can see. */
  readonly total: number;
  readonly filtered: boolean;
}

const folded = new WeakMap<IdeaSnapshot, string>();

/** Lower case, without accents (so "ŵ" matches "w"), in NFKD so ligatures and widths fold too. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

function searchable(idea: IdeaSnapshot): string {
  let text = folded.get(idea);
  if (text === undefined) {
    text = fold(`${idea.text}\n${idea.tag}`);
    folded.set(idea, text);
  }
  return text;
}

/** The tags in use, each once (case ignored), alphabetically. */
export function collectTags(ideas: readonly IdeaSnapshot[]): string[] {
  const byKey = new Map<string, string>();
  for (const idea of ideas) {
    if (!idea.tag) continue;
    const key = idea.tag.toLocaleLowerCase();
    if (!byKey.has(key)) byKey.set(key, idea.tag);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

function compareNewest(a: IdeaSnapshot, b: IdeaSnapshot): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Splits the ideas into sections (not grouped first, then each group in board order), applying
 * the search, the filters and the sort. `ideas` must be oldest first, as in a board snapshot.
 */
export function buildView(
  ideas: readonly IdeaSnapshot[],
  clusters: readonly ClusterSnapshot[],
  options: ViewOptions,
): BoardView {
  const words = fold(options.query).split(/\s+/).filter(Boolean);
  const tag = options.tag.toLocaleLowerCase();
  const clusterIds = new Set(clusters.map((c) => c.id));
  const byKey = new Map<string, IdeaSnapshot[]>();
  const totals = new Map<string, number>();
  let shown = 0;
  for (const idea of ideas) {
    const key = idea.clusterId !== null && clusterIds.has(idea.clusterId) ? idea.clusterId : UNGROUPED;
    totals.set(key, (totals.get(key) ?? 0) + 1);
    if (options.cluster && options.cluster !== key) continue;
    if (tag && idea.tag.toLocaleLowerCase() !== tag) continue;
    if (words.length) {
      const text = searchable(idea);
      if (!words.every((w) => text.includes(w))) continue;
    }
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(idea);
    shown++;
  }
  const order = (list: IdeaSnapshot[]): IdeaSnapshot[] => {
    if (options.sort === 'newest') return list.sort(compareNewest);
    if (options.sort === 'votes' && options.votes) {
      const votes = options.votes;
      // Stable sort: ties keep board order (oldest first).
      return list.sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0));
    }
    return list;
  };
  const sections: Section[] = [];
  const include = (key: string) => !options.cluster || options.cluster === key;
  if (include(UNGROUPED)) {
    sections.push({ key: UNGROUPED, cluster: null, ideas: order(byKey.get(UNGROUPED) ?? []), total: totals.get(UNGROUPED) ?? 0 });
  }
  for (const cluster of clusters) {
    if (!include(cluster.id)) continue;
    sections.push({ key: cluster.id, cluster, ideas: order(byKey.get(cluster.id) ?? []), total: totals.get(cluster.id) ?? 0 });
  }
  const filtered = words.length > 0 || tag !== '' || options.cluster !== '';
  return { sections, shown, total: ideas.length, filtered };
}
