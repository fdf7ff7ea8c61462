import type { Role } from "../core/roles.ts";
import type { Db } from "../persistence/database.ts";
import { createGatewayToken, createToken, listTokens, revokeTokens } from "./tokens.ts";

/** API tokens as the admin routes see them: listed without secrets, created, revoked. Built once by the wiring. */
export class TokenStore {
  constructor(private readonly db: Db) {}

  list() {
    return listTokens(this.db);
  }

  revoke(which: Parameters<typeof revokeTokens>[1]) {
    return revokeTokens(this.db, which);
  }

  /** A token acting as `user`; answered once, stored only as its hash. */
  createForUser(user: string, expiresAt: Date | undefined) {
    return createToken(this.db, user, { expiresAt });
  }

  createGateway(spec: { name: string; users: string[]; hosts?: string[]; role: Role; expiresAt?: Date }) {
    return createGatewayToken(this.db, spec);
  }

  /** Whether an unrevoked gateway token has this name (a name is reusable once revoked). */
  async gatewayNameTaken(name: string) {
    return (await this.db.apiToken.findFirst({ where: { name, revokedAt: null }, select: { id: true } })) !== null;
  }
}
