// Inside a workflow, Temporal's sandbox replaces Date with the deterministic time of the current workflow task,
// so this is replay-safe. Keep every use of workflow time behind this one function.
export function workflowNow(): Date {
  return new Date(Date.now());
}
