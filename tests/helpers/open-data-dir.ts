/** Opens the embedded database in the folder given as argv[2]; used by the lock test as "another process". */
import { openDatabase } from "@/db/client";
import { DataDirLockedError } from "@/db/lock";

try {
  const handle = await openDatabase({ dataDir: process.argv[2], holder: { command: "processo di prova" } });
  await handle.close();
  console.log("opened");
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(3);
  }
  throw error;
}
