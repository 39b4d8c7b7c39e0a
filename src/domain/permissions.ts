// Who may do what. Anyone reads; owners and co-owners check in on and edit their key results;
// the team's managers edit the team's objectives, its settings and any of its key results;
// workspace admins may do everything. Two exceptions, on purpose: anyone may create a team (and
// manages it), and only the owner accepts a key result proposed to them: acceptance is the owner's
// own commitment, which nobody, not even an admin, can give for them.

export type Actor = { slackUserId: string; isAdmin: boolean };

export type KeyResultRoles = {
  ownerSlackId: string | null;
  coOwnerSlackIds: readonly string[];
  managerSlackIds: readonly string[];
};

export type Action =
  | "read"
  | "check_in"
  | "answer_retro"
  | "edit_key_result"
  | "archive_key_result"
  | "accept_key_result"
  | "edit_objective"
  | "team_settings"
  | "create_team";

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: Decision = { allowed: true };

export function decide(actor: Actor, action: Action, roles: KeyResultRoles): Decision {
  if (action === "read" || action === "create_team") return ALLOWED;
  if (action === "accept_key_result") {
    return roles.ownerSlackId === actor.slackUserId
      ? ALLOWED
      : { allowed: false, reason: "Only the key result's owner can accept it." };
  }
  if (actor.isAdmin) return ALLOWED;
  const owns = roles.ownerSlackId === actor.slackUserId || roles.coOwnerSlackIds.includes(actor.slackUserId);
  const manages = roles.managerSlackIds.includes(actor.slackUserId);
  switch (action) {
    case "check_in":
      return owns
        ? ALLOWED
        : { allowed: false, reason: "Only the key result's owner or a co-owner can check in on it." };
    case "answer_retro":
      return owns
        ? ALLOWED
        : { allowed: false, reason: "Only the key result's owner or a co-owner can answer its retro." };
    case "edit_key_result":
    case "archive_key_result":
      return owns || manages
        ? ALLOWED
        : {
            allowed: false,
            reason:
              "Only the key result's owner, a co-owner, one of the team's managers or a workspace admin can change it.",
          };
    case "edit_objective":
    case "team_settings":
      return manages
        ? ALLOWED
        : { allowed: false, reason: "Only the team's managers or a workspace admin can change this." };
  }
}
