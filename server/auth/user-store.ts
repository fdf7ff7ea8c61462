import type { Role } from "../core/roles.ts";
import type { Db } from "../persistence/database.ts";
import { createUser, updateUser } from "./users.ts";

/** Users as the admin routes see them: listed without secrets, created, changed. Built once by the wiring. */
export class UserStore {
  constructor(private readonly db: Db) {}

  /** Every user by name, with how many unrevoked tokens each holds. */
  async list() {
    const users = await this.db.user.findMany({
      orderBy: { name: "asc" },
      take: 1000,
      select: {
        name: true,
        role: true,
        createTime: true,
        _count: { select: { tokens: { where: { revokedAt: null } } } },
      },
    });
    return users.map((u) => ({
      name: u.name,
      role: u.role,
      createTime: u.createTime.toISOString(),
      activeTokens: u._count.tokens,
    }));
  }

  async exists(name: string) {
    return (await this.db.user.findUnique({ where: { name }, select: { id: true } })) !== null;
  }

  create(name: string, role: Role, password?: string) {
    return createUser(this.db, name, role, password);
  }

  update(name: string, change: { role?: Role; password?: string }) {
    return updateUser(this.db, name, change);
  }
}
