import { Injectable } from '@nestjs/common';

/**
 * The time use cases act at. One injectable source, so that specs can put an approval's
 * schedule, the scheduler's round and an editor's action at exact instants.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
