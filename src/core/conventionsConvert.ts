/** One penalty in every convention: what `reglens convert` prints and the palette's converter lists. */
import { conventions, describeInLibrary, findConvention, fromLibrary, type Convention, type ConventionPenalty } from './conventions';
import { convertLambda } from './objective';
import type { PenaltyName, PenaltyScale } from './spec';

/** A value as a user writes it: RegLens's λ under a scale, or a library's strength and mixing. */
export interface WrittenPenalty {
  /** 'reglens' or a convention id (sklearn.ElasticNet, glmnet.gaussian, …). */
  from: 'reglens' | Convention['id'];
  value: number;
  /** RegLens's l1Ratio, or the library's l1_ratio / alpha; null: the library's default. */
  mixing: number | null;
  /** The penalty where the convention leaves it open (LogisticRegression's `penalty`); null: l2 (RegLens: elasticNet with a mixing). */
  penalty: Exclude<PenaltyName, 'none'> | null;
  /** The scale of a RegLens λ. */
  scale: PenaltyScale;
}

/** The penalty a written value describes, in RegLens terms. */
export function writtenPenalty(written: WrittenPenalty): ConventionPenalty {
  if (written.from === 'reglens') {
    const penalty = written.penalty ?? (written.mixing !== null ? 'elasticNet' : 'l2');
    return { penalty, lambda: written.value, scale: written.scale, l1Ratio: written.mixing ?? 0.5 };
  }
  const convention = findConvention(written.from)!;
  return fromLibrary(convention, { value: written.value, mixing: written.mixing ?? defaultMixing(convention.id) }, written.penalty ?? 'l2');
}

/** What the library does when its mixing parameter is left out. */
export function defaultMixing(id: string): number {
  return id === 'sklearn.ElasticNet' ? 0.5 : id === 'glmnet.gaussian' || id === 'glmnet.binomial' ? 1 : 0;
}

export interface LibraryConversion {
  convention: Convention['id'];
  /** E.g. "scikit-learn ElasticNet(alpha, l1_ratio): alpha=1, l1_ratio=0.5"; null when it cannot be said. */
  says: string | null;
  /** Null when said; else why not: m is needed and not given, or the library has no such penalty. */
  missing: 'rows' | 'penalty' | null;
}

export interface Conversions {
  reglens: { penalty: PenaltyName; l1Ratio: number | null; lambda: Record<PenaltyScale, number | null> };
  libraries: LibraryConversion[];
}

/** λ under every RegLens scale (null where m is needed and not given) and the penalty in every library that can say it. */
export function inEveryConvention(reg: ConventionPenalty, rows: number | null): Conversions {
  const m = rows ?? NaN;
  const underScale = (scale: PenaltyScale) => {
    const value = scale === reg.scale ? reg.lambda : convertLambda(reg.lambda, reg.scale, scale, m);
    return Number.isFinite(value) ? value : null;
  };
  const needsRows = (c: Convention) => rows === null && c.scale !== reg.scale && (reg.scale === '2m' || c.scale === '2m');
  return {
    reglens: { penalty: reg.penalty, l1Ratio: reg.penalty === 'elasticNet' ? reg.l1Ratio : null, lambda: { '2m': underScale('2m'), half: underScale('half'), sum: underScale('sum') } },
    libraries: conventions.map((c) => {
      const says = needsRows(c) ? null : describeInLibrary(c, reg, m);
      return { convention: c.id, says, missing: says !== null ? null : needsRows(c) ? 'rows' : 'penalty' };
    }),
  };
}
