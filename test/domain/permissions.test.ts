import { decide, type Action } from "../../src/domain/permissions";

const roles = { ownerSlackId: "U0OWNER", coOwnerSlackIds: ["U0CO"], managerSlackIds: ["U0MANAGER"] };
const person = (slackUserId: string, isAdmin = false) => ({ slackUserId, isAdmin });

describe("decide", () => {
  it.each<[string, Action, boolean]>([
    ["U0STRANGER", "read", true],
    ["U0STRANGER", "check_in", false],
    ["U0OWNER", "check_in", true],
    ["U0CO", "check_in", true],
    ["U0MANAGER", "check_in", false],
    ["U0OWNER", "edit_key_result", true],
    ["U0CO", "archive_key_result", true],
    ["U0MANAGER", "archive_key_result", true],
    ["U0STRANGER", "archive_key_result", false],
    ["U0OWNER", "edit_objective", false],
    ["U0MANAGER", "edit_objective", true],
    ["U0OWNER", "team_settings", false],
    ["U0MANAGER", "team_settings", true],
    ["U0STRANGER", "create_team", true],
    ["U0OWNER", "accept_key_result", true],
    ["U0CO", "accept_key_result", false],
    ["U0MANAGER", "accept_key_result", false],
  ])("%s may %s: %s", (user, action, allowed) => {
    expect(decide(person(user), action, roles).allowed).toBe(allowed);
  });

  it("lets a workspace admin do everything, and explains refusals", () => {
    for (const action of ["check_in", "archive_key_result", "team_settings"] as const)
      expect(decide(person("U0ADMIN", true), action, roles).allowed).toBe(true);
    expect(decide(person("U0ADMIN", true), "accept_key_result", roles)).toEqual({
      allowed: false,
      reason: "Only the key result's owner can accept it.",
    });
    const refused = decide(person("U0STRANGER"), "archive_key_result", roles);
    expect(refused.allowed || refused.reason).toMatch(
      /owner, a co-owner, one of the team's managers or a workspace admin/,
    );
  });
});
