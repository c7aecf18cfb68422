import { ApiProperty } from '@nestjs/swagger';
import { CheckResultView, CheckSummaryView } from '@newsroom/contracts';

/** The editorial checks of a draft's current text, as editorial-review would find them on submission. */
export class DraftChecksView {
  @ApiProperty({ type: [CheckResultView], description: 'Fields first, then the body in block order; empty when every check passes' })
  items!: CheckResultView[];

  @ApiProperty({ type: CheckSummaryView, description: 'How many errors (they hold a submission back from approval) and warnings' })
  summary!: CheckSummaryView;
}
