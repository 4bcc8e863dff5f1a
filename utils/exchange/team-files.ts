/**
 * Evidence files imported for a team ranking (aggregates only, as exported by each person), kept in
 * extension storage so that the team view and the team brief survive closing the page. One file per
 * person id, each person's newest (./team-list.ts); lists stored by earlier versions may also hold
 * team files, and whatever is stored is checked again when read (`readStoredTeam`, `teamView`).
 */
import { storage } from 'wxt/utils/storage';
import type { EvidenceFile } from './evidence';

export const teamFilesItem = storage.defineItem<EvidenceFile[]>('local:teamFiles', { fallback: [] });
