// `npm run db:schemas`: rewrite both provider schemas from prisma/models.prisma and regenerate the clients.
import "./prisma-generate.mjs";
