/**
 * Who may do what, in one table read by the chat commands, the CLI-facing use cases and the web console.
 * A rule lives here once: a console page that hides a button is only a courtesy; the use case behind it
 * asks `may` again. Administrators may do everything.
 */
import type { Role } from "../domain/vocabulary.js";

export const PERMISSIONS = {
  /** sign in to the office web console (/web, /trangquantri) */
  useConsole: ["office", "standing", "vice_chair"],
  /** see every unit's reports, notices and issues; a vice-chair sees their own unit only */
  seeAllUnits: ["office", "standing"],
  /** publish notices (/thongbao, the console's Thông báo page) */
  publishNotices: ["office"],
  /** create reporting tasks (/hanmoi, the deadline proposals after a notice) */
  createTasks: ["office"],
  /** see a notice's delivery and acknowledgements per unit (/thongbao_tinhtrang) */
  noticeStatus: ["office", "standing"],
  /**
   * act on an urgent issue: Tiếp nhận, Chuyển Ban, Đã xử lý. The office handles issues on the standing
   * committee's behalf (it advises and follows up for the Thường trực), so a clerk can triage from the console.
   */
  actOnIssues: ["standing", "office"],
  /** units, members, groups, invites and CSV imports (/dangky, the console's Danh bạ page) */
  manageDirectory: ["office"],
  /** the spreadsheets and the zip of attachments */
  exportData: ["office", "standing"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function may(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return role === "admin" || (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
