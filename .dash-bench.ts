import './bench/dashboard';
import { figures } from './bench/registry';
const f = figures.find((x) => x.name === process.argv[2])!;
const t = performance.now();
console.log(JSON.stringify(await f.run()));
console.log('wall', Math.round(performance.now() - t));
