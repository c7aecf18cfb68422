import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { UnitOfWork } from '@newsroom/persistence';

export class ChannelClicks {
  @ApiProperty() push!: number;
  @ApiProperty() email!: number;
}

export class AlertClicksView {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ type: ChannelClicks, description: 'Click-throughs on the alert, per channel' }) clicks!: ChannelClicks;
}

/** An alert's click-through counts, per channel (0 where nobody clicked, or for an unknown article). */
@Injectable()
export class ReadAlertClicksQuery {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async forArticle(articleId: string): Promise<AlertClicksView> {
    const rows: { channel: 'push' | 'email'; clicks: string }[] = await this.unitOfWork.manager.query(`SELECT channel, clicks FROM alert_clicks WHERE article_id = $1`, [
      articleId,
    ]);
    const clicks = { push: 0, email: 0 };
    for (const row of rows) clicks[row.channel] = Number(row.clicks);
    return { articleId, clicks };
  }
}
