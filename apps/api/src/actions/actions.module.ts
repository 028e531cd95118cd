import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { ActionCsrfService } from './action-csrf.service';
import { ActionLinksService } from './action-links.service';
import { ActionTokenService } from './action-token.service';
import { ActionsController } from './actions.controller';
import { TASK_DECISION_PORT } from './task-decision.port';

export interface ActionsModuleOptions {
  /** Modules the decision port needs (e.g. the tasks module that talks to the workflow). */
  imports?: ModuleMetadata['imports'];
  /** The TaskDecisionPort: `{ provide: TASK_DECISION_PORT, useClass / useExisting / useFactory ... }`. */
  decisionPort: Provider;
}

/** Emailed action links: tokens, CSRF, pages and the controller. The decision itself goes through the port. */
@Module({})
export class ActionsModule {
  static register(options: ActionsModuleOptions): DynamicModule {
    return {
      module: ActionsModule,
      imports: options.imports ?? [],
      controllers: [ActionsController],
      providers: [ActionTokenService, ActionCsrfService, ActionLinksService, options.decisionPort],
      exports: [ActionTokenService],
    };
  }
}

export { TASK_DECISION_PORT };
