/** Pairwise precision and recall of a grouping against event labels (shared by the clustering tests). */
export function pairwiseScores(groups: { id: string }[][], label: Map<string, string>): { precision: number; recall: number } {
  const predicted = new Set<string>();
  for (const g of groups) {
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) predicted.add([g[i]!.id, g[j]!.id].sort().join('|'));
  }
  const ids = [...label.keys()];
  const truth = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) if (label.get(ids[i]!) === label.get(ids[j]!)) truth.add([ids[i]!, ids[j]!].sort().join('|'));
  }
  const tp = [...predicted].filter((p) => truth.has(p)).length;
  return { precision: predicted.size ? tp / predicted.size : 1, recall: truth.size ? tp / truth.size : 1 };
}
