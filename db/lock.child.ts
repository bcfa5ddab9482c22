// A helper process for db/lock.test.ts and scripts/seed.test.ts (not part of
// the app): takes or tries the data-directory lock from another process.
//   node --import tsx db/lock.child.ts hold <dataDir> <command>   holds it until stdin closes
//   node --import tsx db/lock.child.ts try <dataDir> <command>    exit 0 taken, 3 refused
import { DataDirLockedError, lockDataDir } from './lock';

const [mode, dataDir, command = 'lock test child'] = process.argv.slice(2);
if (!dataDir || (mode !== 'hold' && mode !== 'try')) {
  process.stderr.write('usage: lock.child.ts hold|try <dataDir> [command]\n');
  process.exit(2);
}
try {
  const lock = lockDataDir(dataDir, command);
  if (mode === 'try') {
    process.stdout.write(JSON.stringify({ taken: true, pid: process.pid }) + '\n');
    lock.release();
    process.exit(0);
  }
  process.stdout.write(`locked ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    lock.release();
    process.exit(0);
  });
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stdout.write(JSON.stringify({ taken: false, holder: error.holder, message: error.message }) + '\n');
    process.exit(3);
  }
  throw error;
}
