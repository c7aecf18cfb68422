import { ApiProperty } from '@nestjs/swagger';
import { CHECK_CODES, CHECK_SEVERITIES, type CheckCode, type CheckResult, type CheckSeverity, type CheckSummary } from './editorial-checks';

/*
 * The OpenAPI shapes of the editorial checks' results, for every service that answers with them
 * (editorial-review's reviews, drafting's draft checks). Apart from editorial-checks.ts so that
 * the browser bundle, which takes that module, never loads the decorators.
 */

export class CheckResultView implements CheckResult {
  @ApiProperty({ enum: Object.values(CHECK_CODES) }) code!: CheckCode;
  @ApiProperty({ enum: CHECK_SEVERITIES, description: 'Errors block approval; warnings are for the editor to judge' }) severity!: CheckSeverity;
  @ApiProperty() message!: string;
  @ApiProperty({ description: 'Where in the article, e.g. body.3.attribution', example: 'body.3.attribution' }) path!: string;
}

export class CheckSummaryView implements CheckSummary {
  @ApiProperty() errors!: number;
  @ApiProperty() warnings!: number;
}
