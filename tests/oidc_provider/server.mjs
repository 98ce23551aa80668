// A real OpenID provider for the sign-in tests: panva's certified oidc-provider on 127.0.0.1.
// Usage: node server.mjs CONFIG.json  (port, client, accounts: {login: {email, name, roles}}).
// Its development sign-in and consent pages stand in for the council's identity provider.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const issuer = `http://127.0.0.1:${config.port}`;

const provider = new Provider(issuer, {
  clients: [config.client],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], roles: ["roles"] },
  scopes: ["openid", "email", "profile", "roles", "offline_access"],
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ["test-only-cookie-key"] },
  async findAccount(_ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: account.email, email_verified: true, name: account.name, roles: account.roles };
      },
    };
  },
});
provider.listen(config.port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
