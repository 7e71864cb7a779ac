/**
 * The mapping of zca-js's `API` object onto the bot's ZaloApi, run on the fake of zca-js's API: group
 * lists and names (in batches Zalo accepts), the cookie jar as tough-cookie serialises it, sends and
 * reactions with zca-js's arguments.
 */
import { describe, expect, it, vi } from "vitest";
import { Reactions, ThreadType } from "zca-js";
import { adaptZcaApi } from "../../src/platforms/zalo/zalo-api.js";
import { FakeZaloApi } from "./fake-zalo.js";

describe("adaptZcaApi over zca-js's API", () => {
  it("lists the account's groups and reads their names 50 at a time", async () => {
    const zca = new FakeZaloApi();
    for (let i = 1; i <= 120; i++) zca.groups[`g${i}`] = { groupId: `g${i}`, name: `Nhóm ${i}`, totalMember: i };
    const spy = vi.spyOn(zca, "getGroupInfo");
    const api = adaptZcaApi(zca);
    const ids = await api.getAllGroupIds();
    expect(ids).toHaveLength(120);
    const info = await api.getGroupInfo([...ids, "gone"]);
    expect(spy.mock.calls.map((c) => (c[0] as string[]).length)).toEqual([50, 50, 21]);
    expect(info.g7).toEqual({ groupId: "g7", name: "Nhóm 7", totalMember: 7 });
    expect(info.gone).toBeUndefined();
  });

  it("exports the cookie jar as tough-cookie serialises it", () => {
    const zca = new FakeZaloApi();
    zca.cookies = [{ key: "zpw_sek", value: "s1", domain: "chat.zalo.me", path: "/" }];
    expect(adaptZcaApi(zca).exportCookies()).toEqual([expect.objectContaining({ key: "zpw_sek", value: "s1", domain: "chat.zalo.me" })]);
  });

  it("sends with zca-js's arguments and reacts to a message by both of its ids", async () => {
    const zca = new FakeZaloApi();
    const api = adaptZcaApi(zca);
    const sent = await api.sendMessage({ msg: "Kính gửi" }, "g1", ThreadType.Group);
    expect(sent.message?.msgId).toBe(Number(zca.sent[0]!.msgIds[0]));
    expect(zca.sent[0]).toMatchObject({ threadId: "g1", type: ThreadType.Group, content: { msg: "Kính gửi" } });
    await api.addReaction(Reactions.LIKE, { msgId: "123", cliMsgId: "124" }, "g1", ThreadType.Group);
    expect(zca.reactions[0]).toMatchObject({
      icon: Reactions.LIKE,
      dest: { data: { msgId: "123", cliMsgId: "124" }, threadId: "g1", type: ThreadType.Group },
    });
    await expect(api.addReaction(Reactions.LIKE, { msgId: "123", cliMsgId: "" }, "g1", ThreadType.Group)).rejects.toThrow();
  });
});
