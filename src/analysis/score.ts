/**
 * The resilience score a manager reads: per service, how many historical outages it survives and how
 * many single points of failure it has; overall, the mean weighted by criticality, with a letter grade.
 */
import type { Criticality } from '../model/schema.ts';

export const CRITICALITY_WEIGHT: Readonly<Record<Criticality, number>> = {
  critical: 8,
  high: 4,
  medium: 2,
  low: 1,
};

export interface ServiceScore {
  readonly service: string;
  /** Its display name, when the map gives one (`name: site web`). */
  readonly name?: string;
  readonly criticality: Criticality;
  /** 0–100. */
  readonly score: number;
  readonly outagesSurvived: number;
  readonly outagesTotal: number;
  /** Ids of the historical outages that take it down. */
  readonly outagesDown: readonly string[];
  readonly singlePointsOfFailure: number;
}

export interface Score {
  /** 0–100, weighted by criticality. */
  readonly overall: number;
  readonly grade: 'A' | 'B' | 'C' | 'D' | 'E';
  readonly singlePointsOfFailure: number;
  readonly services: readonly ServiceScore[];
  readonly method: string;
}

export const SCORE_METHOD =
  'service = 60 × (outages survived / outages that hit the map) + 40 / (1 + single points of failure); ' +
  'overall = mean of services weighted critical 8, high 4, medium 2, low 1; A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else E';

export interface ServiceFacts {
  readonly service: string;
  readonly name?: string;
  readonly criticality: Criticality;
  readonly outagesDown: readonly string[];
  readonly singlePointsOfFailure: number;
}

function grade(score: number): Score['grade'] {
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 40) return 'D';
  return 'E';
}

export function computeScore(facts: readonly ServiceFacts[], outagesTotal: number, spofTotal: number): Score {
  const services = facts.map((f): ServiceScore => {
    const survived = outagesTotal - f.outagesDown.length;
    const survival = outagesTotal === 0 ? 1 : survived / outagesTotal;
    const score = Math.round(60 * survival + 40 / (1 + f.singlePointsOfFailure));
    return { ...f, score, outagesSurvived: survived, outagesTotal };
  });
  let sum = 0;
  let weights = 0;
  for (const s of services) {
    sum += s.score * CRITICALITY_WEIGHT[s.criticality];
    weights += CRITICALITY_WEIGHT[s.criticality];
  }
  const overall = weights === 0 ? 100 : Math.round(sum / weights);
  return { overall, grade: grade(overall), singlePointsOfFailure: spofTotal, services, method: SCORE_METHOD };
}
