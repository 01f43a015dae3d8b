import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { TaskRequest } from '../engine/interpreter';

/** What a case's external worker does with a task token, through the real endpoint. */
export type CallbackActor = (sfn: SFNClient, request: TaskRequest) => Promise<void>;

function messageBody(request: TaskRequest): Record<string, unknown> {
  return ((request.parameters as { MessageBody?: Record<string, unknown> })?.MessageBody ?? {}) as Record<
    string,
    unknown
  >;
}

/**
 * Reads the "## Callback behaviour" section of a case's note.md into an actor. A description that
 * matches no known worker is an error, so nothing is quietly faked.
 */
export function parseCallbackActor(note: string): CallbackActor {
  const text = /## Callback behaviour\n([\s\S]*?)(\n## |\ninput\.json|$)/.exec(note)?.[1];
  // no section: the case has no worker, and nobody answers
  if (text === undefined || /Callback actor[^:]*: NONE/.test(text)) return async () => undefined;
  const heartbeats =
    /SendTaskHeartbeat (\d+) times/.exec(text)?.[1] ?? (/SendTaskHeartbeat\(taskToken\) once/.test(text) ? '1' : '0');
  const failure = /SendTaskFailure\([^)]*error="([^"]+)", cause="([^"]+)"\)/.exec(text);
  let finish: (sfn: SFNClient, request: TaskRequest) => Promise<unknown>;
  if (/SendTaskFailure\(taskToken\) with NO error/.test(text)) {
    finish = (sfn, request) => sfn.send(new SendTaskFailureCommand({ taskToken: request.taskToken }));
  } else if (failure) {
    finish = (sfn, request) =>
      sfn.send(new SendTaskFailureCommand({ taskToken: request.taskToken, error: failure[1], cause: failure[2] }));
  } else if (/whole SQS message body string/.test(text)) {
    finish = (sfn, request) =>
      sfn.send(
        new SendTaskSuccessCommand({ taskToken: request.taskToken, output: JSON.stringify(messageBody(request)) }),
      );
  } else if (/JSON text of the message's `Message` field/.test(text)) {
    finish = (sfn, request) =>
      sfn.send(
        new SendTaskSuccessCommand({
          taskToken: request.taskToken,
          output: JSON.stringify(messageBody(request).Message),
        }),
      );
  } else {
    throw new Error(`no callback actor for: ${text.trim().slice(0, 120)}`);
  }
  return async (sfn, request) => {
    for (let i = 0; i < Number(heartbeats); i++)
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: request.taskToken }));
    await finish(sfn, request);
  };
}
