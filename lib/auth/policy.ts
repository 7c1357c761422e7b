// THE access policy (DESIGN §6): one pure function `can(actor, action, resource)` that every resolver,
// route and query function calls. Rules: a signed-out visitor only reads PUBLIC models and what is
// written on them (annotations, comments), nothing else; VIEWERs only read; only members read a
// team's activity feed; EDITORs also upload and edit models; OWNERs also manage members, roles, invitations and delete;
// a model is seen by everyone (signed out too) when PUBLIC, by every signed-in account in a public team unless PRIVATE, by
// the team's members when TEAM, by its uploader and the team's owners when PRIVATE.
// Collaboration (annotations, votes, comments, team labels) is writing: EDITORs and OWNERs of the
// model's team annotate, vote and comment; any EDITOR may edit an annotation (every edit is a
// revision), only its author edits a comment, and content is deleted by its author or an OWNER.
// Findings (lib/findings): a DRAFT is read and written by its author only (not even an OWNER sees
// it); a TEAM finding by the members of the model's team who may read the model (EDITORs and OWNERs
// edit it); a PUBLIC one is read by anyone — signed out too — and written like a TEAM one; a finding is deleted by its author or an OWNER.
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/db/errors";
import type { TokenScope } from "./scopes";

export type Role = "OWNER" | "EDITOR" | "VIEWER";
export type Visibility = "PRIVATE" | "TEAM" | "PUBLIC";

/** Who is acting: a signed-in account, through its session cookie or one of its API tokens. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  via: "session" | "token";
  /** The API token used, when `via` is "token". */
  tokenId?: string;
  /** The token's scopes (lib/auth/scopes.ts), when `via` is "token"; a session has every scope. */
  scopes?: readonly TokenScope[];
}

/** A team as the policy sees it; `role` is the actor's role in it (null: not a member). */
export interface TeamResource {
  kind: "team";
  teamId: string;
  isPublic: boolean;
  role: Role | null;
}

/** A model as the policy sees it; `role` is the actor's role in the model's team. */
export interface ModelResource {
  kind: "model";
  teamId: string;
  teamIsPublic: boolean;
  visibility: Visibility;
  createdById: string | null;
  role: Role | null;
}

/** An account's own things (its API tokens): only that account touches them. */
export interface AccountResource {
  kind: "account";
  userId: string;
}

/** An annotation or a comment as the policy sees it: the model it is on, and who wrote it. */
export interface ContentResource {
  kind: "content";
  model: ModelResource;
  authorId: string | null;
}

export type FindingVisibility = "DRAFT" | "TEAM" | "PUBLIC";

/** A finding as the policy sees it: the model it is about, its author and its visibility. */
export interface FindingResource {
  kind: "finding";
  model: ModelResource;
  authorId: string | null;
  visibility: FindingVisibility;
}

export type Resource = TeamResource | ModelResource | AccountResource | ContentResource | FindingResource;

export type TeamAction = "team:read" | "team:readActivity" | "team:update" | "team:delete" | "team:manageMembers" | "model:create" | "team:defineLabel";
export type ModelAction = "model:read" | "model:update" | "model:delete" | "model:annotate";
export type AccountAction = "account:manageTokens" | "account:readNotifications";
export type ContentAction = "content:read" | "annotation:edit" | "comment:edit" | "content:delete";
export type FindingAction = "finding:read" | "finding:edit" | "finding:delete";
export type Action = TeamAction | ModelAction | AccountAction | ContentAction | FindingAction;

const RANK: Record<Role, number> = { VIEWER: 1, EDITOR: 2, OWNER: 3 };

/** True when `role` is at least `least` (OWNER > EDITOR > VIEWER); false for a non-member. */
export function hasRole(role: Role | null, least: Role): boolean {
  return role !== null && RANK[role] >= RANK[least];
}

function canReadModel(actor: Actor, model: ModelResource): boolean {
  switch (model.visibility) {
    case "PUBLIC":
      return true;
    case "TEAM":
      return model.role !== null || model.teamIsPublic;
    case "PRIVATE":
      return model.role === "OWNER" || (model.role !== null && model.createdById === actor.userId);
    default:
      return unreachable(model.visibility);
  }
}

function unreachable(value: never): never {
  throw new TypeError(`policy: unexpected value ${JSON.stringify(value)}`);
}

/** What a signed-out visitor may do: read a PUBLIC model, the content written on it, a PUBLIC finding. */
function canSignedOut(action: Action, resource: Resource): boolean {
  if (resource.kind === "finding") return action === "finding:read" && resource.visibility === "PUBLIC";
  if (resource.kind === "model") return action === "model:read" && resource.visibility === "PUBLIC";
  if (resource.kind === "content") return action === "content:read" && resource.model.visibility === "PUBLIC";
  return false;
}

/** The one policy function. Pure: the caller loads the actor's role in the resource's team. */
export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return canSignedOut(action, resource);
  switch (resource.kind) {
    case "account":
      return (action === "account:manageTokens" || action === "account:readNotifications") && resource.userId === actor.userId;
    case "team":
      switch (action) {
        case "team:read":
          return resource.role !== null || resource.isPublic;
        case "team:readActivity":
          return resource.role !== null;
        case "model:create":
        case "team:defineLabel":
          return hasRole(resource.role, "EDITOR");
        case "team:update":
        case "team:delete":
        case "team:manageMembers":
          return hasRole(resource.role, "OWNER");
        default:
          return false;
      }
    case "model": {
      if (!canReadModel(actor, resource)) return false;
      switch (action) {
        case "model:read":
          return true;
        case "model:update":
        case "model:annotate":
          return hasRole(resource.role, "EDITOR");
        case "model:delete":
          return hasRole(resource.role, "OWNER");
        default:
          return false;
      }
    }
    case "content":
      return canOnContent(actor, action, resource);
    case "finding":
      return canOnFinding(actor, action, resource);
    default:
      return unreachable(resource);
  }
}

function canReadFinding(actor: Actor, finding: FindingResource): boolean {
  switch (finding.visibility) {
    case "PUBLIC":
      return true;
    case "TEAM":
      return finding.model.role !== null && canReadModel(actor, finding.model);
    case "DRAFT":
      return finding.authorId === actor.userId && canReadModel(actor, finding.model);
    default:
      return unreachable(finding.visibility);
  }
}

function canOnFinding(actor: Actor, action: Action, finding: FindingResource): boolean {
  if (!canReadFinding(actor, finding)) return false;
  const role = finding.model.role;
  const writer = canReadModel(actor, finding.model) && hasRole(role, "EDITOR");
  switch (action) {
    case "finding:read":
      return true;
    case "finding:edit":
      return writer;
    case "finding:delete":
      return writer && (hasRole(role, "OWNER") || finding.authorId === actor.userId);
    default:
      return false;
  }
}

function canOnContent(actor: Actor, action: Action, content: ContentResource): boolean {
  if (!canReadModel(actor, content.model)) return false;
  const role = content.model.role;
  const own = content.authorId !== null && content.authorId === actor.userId;
  switch (action) {
    case "content:read":
      return true;
    case "annotation:edit":
      return hasRole(role, "EDITOR");
    case "comment:edit":
      return own && hasRole(role, "EDITOR");
    case "content:delete":
      return hasRole(role, "OWNER") || (own && hasRole(role, "EDITOR"));
    default:
      return false;
  }
}

/** The read action that decides whether the actor may know a resource exists at all. */
function readActionOf(resource: Resource): Action {
  switch (resource.kind) {
    case "model":
      return "model:read";
    case "team":
      return "team:read";
    case "content":
      return "content:read";
    case "finding":
      return "finding:read";
    case "account":
      return "account:manageTokens";
    default:
      return unreachable(resource);
  }
}

/**
 * `can` as a guard: UnauthenticatedError when signed out, NotFoundError when the actor may not even
 * see the resource (so a private model's existence never leaks), ForbiddenError otherwise.
 */
export function authorize(actor: Actor | null, action: Action, resource: Resource, what = "resource"): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError("Sign in or send an API token to do this.");
  if (can(actor, action, resource)) return;
  if (!can(actor, readActionOf(resource), resource)) throw new NotFoundError(`No ${what} with that id.`);
  throw new ForbiddenError(`Your role does not allow ${action} on this ${what}.`);
}

/**
 * `authorize` for a read a signed-out visitor may also make (model:read, content:read of a PUBLIC
 * model, finding:read of a PUBLIC finding): passes when `can` allows it, signed in or not;
 * otherwise throws as `authorize` does.
 */
export function authorizeRead(actor: Actor | null, action: "model:read" | "content:read" | "finding:read", resource: Resource, what = "resource"): void {
  if (!actor && can(null, action, resource)) return;
  authorize(actor, action, resource, what);
}

/** `authorizeRead` of a finding. */
export function authorizeFindingRead(actor: Actor | null, finding: FindingResource): void {
  authorizeRead(actor, "finding:read", finding, "finding");
}

/** Asserts there is a signed-in actor. */
export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError("Sign in or send an API token to do this.");
}
