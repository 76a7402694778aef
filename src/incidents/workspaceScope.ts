import { UserInputError } from '../errors.js';

export interface WorkspaceRef {
  workspaceId: string | null;
  workspaceName: string | null;
}

/**
 * Workspace ids and names seen in API pages. The API has no workspace filter and names are not
 * known up front, so what has been seen is what lets a name be checked against an id allowlist.
 */
export class WorkspaceDirectory {
  private readonly names = new Map<string, string>();

  constructor(private readonly maxEntries = 10_000) {}

  record(ref: WorkspaceRef): void {
    if (!ref.workspaceId || !ref.workspaceName) return;
    const key = ref.workspaceId.toLowerCase();
    if (this.names.get(key) === ref.workspaceName) return;
    if (this.names.size >= this.maxEntries) return;
    this.names.set(key, ref.workspaceName);
  }

  nameOf(workspaceId: string): string | undefined {
    return this.names.get(workspaceId.toLowerCase());
  }
}

function matches(entry: string, ref: WorkspaceRef): boolean {
  const e = entry.toLowerCase();
  return ref.workspaceId?.toLowerCase() === e || ref.workspaceName?.toLowerCase() === e;
}

/**
 * Which workspaces a listing may show: the configured allowlist (CONTRAFORCE_WORKSPACES), narrowed
 * by a tool's `workspaces` argument. Incidents outside it never reach the model.
 */
export class WorkspaceScope {
  private constructor(
    private readonly allowlist: readonly string[] | null,
    private readonly requested: readonly string[] | null,
  ) {}

  static fromAllowlist(allowlist: readonly string[] | null): WorkspaceScope {
    return new WorkspaceScope(allowlist?.length ? allowlist : null, null);
  }

  /** Narrows to `requested` (ids or names); every one must lie within the allowlist. */
  narrow(requested: readonly string[], directory: WorkspaceDirectory): WorkspaceScope {
    if (requested.length === 0) return this;
    const { allowlist } = this;
    if (allowlist) {
      const outside = requested.filter((entry) => !this.allows(entry, directory));
      if (outside.length) {
        throw new UserInputError(
          `workspaces: ${outside.map((w) => JSON.stringify(w)).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in CONTRAFORCE_WORKSPACES; allowed: ${allowlist.join(', ')}.`,
        );
      }
    }
    return new WorkspaceScope(allowlist, requested);
  }

  private allows(entry: string, directory: WorkspaceDirectory): boolean {
    const allowlist = this.allowlist ?? [];
    if (allowlist.some((a) => a.toLowerCase() === entry.toLowerCase())) return true;
    // An entry given by name is allowed if a seen workspace of that name has an allowed id, and
    // the other way round.
    return allowlist.some((a) => {
      const nameOfAllowed = directory.nameOf(a);
      const nameOfEntry = directory.nameOf(entry);
      return (
        nameOfAllowed?.toLowerCase() === entry.toLowerCase() ||
        (nameOfEntry !== undefined && nameOfEntry.toLowerCase() === a.toLowerCase())
      );
    });
  }

  includes(ref: WorkspaceRef): boolean {
    if (this.allowlist && !this.allowlist.some((entry) => matches(entry, ref))) return false;
    if (this.requested && !this.requested.some((entry) => matches(entry, ref))) return false;
    return true;
  }

  /** True when the workspace is known (its name seen) to lie outside: its page tokens can be dropped. */
  excludesKnown(workspaceId: string, directory: WorkspaceDirectory): boolean {
    if (!this.allowlist && !this.requested) return false;
    const workspaceName = directory.nameOf(workspaceId);
    if (workspaceName === undefined) return false;
    return !this.includes({ workspaceId, workspaceName });
  }

  get isRestricted(): boolean {
    return this.allowlist !== null || this.requested !== null;
  }
}
