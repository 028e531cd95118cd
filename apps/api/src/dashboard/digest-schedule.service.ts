import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleHandle, ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import {
  WEEKLY_DIGEST_CALENDAR,
  WEEKLY_DIGEST_TIME_ZONE,
  WEEKLY_DIGEST_WORKFLOW,
  WeeklyDigestInput,
  weeklyDigestScheduleId,
} from '../../../../libs/contracts';
import { ApiError } from '../common/errors/api-error';
import { DigestScheduleDto, DigestTriggerResultDto } from './dto/dashboard.dto';

const DESCRIPTION = 'Every Monday 08:00 Asia/Ulaanbaatar';

/**
 * The weekly digest's Temporal Schedule: created at API start when missing (an existing one, possibly paused by an
 * admin, is left as it is), and the admin actions on it. Temporal keeps the schedule, so several API processes
 * starting at once create it once.
 */
@Injectable()
export class DigestScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestScheduleService.name);
  readonly scheduleId: string;

  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.scheduleId = weeklyDigestScheduleId(config.temporal.taskQueue);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Start-up does not depend on it: a failure is logged and the next admin call tries again.
    await this.ensure().catch((err: Error) => this.logger.warn({ err: err.message, scheduleId: this.scheduleId }, 'weekly digest schedule not ensured'));
  }

  /** Creates the schedule unless it exists; returns whether it was created now. */
  async ensure(): Promise<boolean> {
    const args: [WeeklyDigestInput] = [{}];
    try {
      await this.client.schedule.create({
        scheduleId: this.scheduleId,
        spec: { calendars: [{ ...WEEKLY_DIGEST_CALENDAR }], timezone: WEEKLY_DIGEST_TIME_ZONE },
        action: { type: 'startWorkflow', workflowType: WEEKLY_DIGEST_WORKFLOW, taskQueue: this.config.temporal.taskQueue, args },
        // A digest that is still running (mail down) is not doubled; one missed while Temporal was away is sent
        // late on the same day, not a week of them at once.
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12 hours' },
        state: { note: DESCRIPTION },
      });
      this.logger.log({ scheduleId: this.scheduleId }, 'weekly digest schedule created');
      return true;
    } catch (err) {
      if (err instanceof ScheduleAlreadyRunning) return false;
      throw err;
    }
  }

  async describe(): Promise<DigestScheduleDto> {
    try {
      const d = await this.handle().describe();
      return {
        scheduleId: this.scheduleId,
        exists: true,
        paused: d.state.paused,
        note: d.state.note ?? null,
        description: DESCRIPTION,
        nextRuns: d.info.nextActionTimes.slice(0, 5).map((t) => t.toISOString()),
        recentRuns: [...d.info.recentActions].reverse().map((a) => a.action.workflow.workflowId),
      };
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return { scheduleId: this.scheduleId, exists: false, paused: false, note: null, description: DESCRIPTION, nextRuns: [], recentRuns: [] };
      throw err;
    }
  }

  async pause(note: string | undefined, by: string): Promise<DigestScheduleDto> {
    await this.withSchedule((h) => h.pause(note?.trim() || `paused by ${by}`));
    return this.describe();
  }

  async unpause(by: string): Promise<DigestScheduleDto> {
    await this.withSchedule((h) => h.unpause(`${DESCRIPTION}; resumed by ${by}`));
    return this.describe();
  }

  /**
   * Runs the digest now (also while paused), without waiting for Monday: the schedule's workflow, started directly
   * with an id made from the request id, so a retried request starts it once.
   */
  async trigger(requestId: string): Promise<DigestTriggerResultDto> {
    const workflowId = `${this.scheduleId}-manual-${requestId}`;
    const args: [WeeklyDigestInput] = [{}];
    let started = true;
    try {
      await this.client.workflow.start(WEEKLY_DIGEST_WORKFLOW, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      started = false;
    }
    return { scheduleId: this.scheduleId, workflowId, started };
  }

  private handle(): ScheduleHandle {
    return this.client.schedule.getHandle(this.scheduleId);
  }

  /** Runs an action on the schedule, creating it first if it went missing (deleted by hand, or start-up failed). */
  private async withSchedule(action: (h: ScheduleHandle) => Promise<void>): Promise<void> {
    try {
      await action(this.handle());
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      await this.ensure();
      await action(this.handle()).catch((again: Error) => {
        throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service_unavailable', `the digest schedule cannot be reached: ${again.message}`);
      });
    }
  }
}
