import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { correctedTextOf, type CorrectableField } from '../../domain/draft-correction';
import type { DraftStatus } from '../../domain/draft-status';
import { DraftRepository } from '../../persistence/draft.repository';
import type { ApplyCorrectionCommand } from './apply-correction.command';

export type ApplyCorrectionResult =
  /** An article this drafting database never saw: nothing to correct. */
  | { outcome: 'unknown_article' }
  /** The timeline already has this event's entry: nothing changes. */
  | { outcome: 'duplicate' }
  /**
   * The timeline got the correction; `applied` are the fields the working copy took (then at a
   * new `version`), `kept` those the reporter had changed and keep their text.
   */
  | { outcome: 'recorded'; status: DraftStatus; version: number; applied: CorrectableField[]; kept: CorrectableField[] };

/**
 * Takes a correction publishing made to the live text into the reporter's draft, so that the
 * text they revise is the live text (Draft.applyCorrection says where it may and may not).
 * Runs in the transaction of the event's inbox row when a consumer calls it.
 */
@Injectable()
export class ApplyCorrectionUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  @Transactional()
  async execute(command: ApplyCorrectionCommand): Promise<ApplyCorrectionResult> {
    const draft = await this.drafts.findForUpdate(command.articleId);
    if (!draft) return { outcome: 'unknown_article' };
    // Checked under the draft's row lock, so a correction delivered twice at once is taken in once.
    if (await this.drafts.hasEntryFromEvent(command.eventId)) return { outcome: 'duplicate' };
    const { correction } = command;
    // The text this correction replaced: an earlier correction's result, or the live revision as saved.
    const replaced = draft.correctedLiveText(correction.revision) ?? (await this.drafts.revision(command.articleId, correction.revision))?.content ?? null;
    const { applied, kept } = draft.applyCorrection(
      {
        eventId: command.eventId,
        revision: correction.revision,
        note: correction.correctionNote,
        ...(correction.editorId ? { actorId: correction.editorId } : {}),
        at: new Date(correction.correctedAt),
        text: correctedTextOf(correction),
      },
      replaced,
    );
    await this.drafts.save(draft);
    return { outcome: 'recorded', status: draft.status, version: draft.version, applied, kept };
  }
}
