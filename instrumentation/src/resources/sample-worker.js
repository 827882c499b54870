'use strict';
/*
 * Takes resource samples in a worker thread: systeminformation spawns
 * processes (and runs nvidia-smi synchronously), which must never block the
 * executor's event loop. Plain CommonJS so that it runs from src/ and dist/ alike.
 */
const { readFile } = require('node:fs/promises');
const { parentPort, workerData } = require('node:worker_threads');
const si = require('systeminformation');

const intervalMs = workerData.intervalMs;
const BYTES_PER_MB = 1024 * 1024;
let gpuPresence = 'unknown';
let lastProcessCpu = process.cpuUsage();
let lastProcessTime = process.hrtime.bigint();
let stopped = false;

parentPort.on('message', (message) => {
  if (message === 'stop') stopped = true;
});

async function sampleGpus() {
  if (gpuPresence === 'absent') return [];
  const graphics = await si.graphics();
  const gpus = graphics.controllers
    .filter((c) => typeof c.utilizationGpu === 'number' && Number.isFinite(c.utilizationGpu))
    .map((c, index) => ({
      id: c.pciBus || c.busAddress || String(index),
      name: c.model || c.name || 'gpu',
      utilizationPercent: c.utilizationGpu,
      memoryUsedMb:
        typeof c.memoryUsed === 'number' && Number.isFinite(c.memoryUsed) ? c.memoryUsed : undefined,
    }));
  // GPUs do not appear while a process runs: one look decides for the process's life.
  if (gpuPresence === 'unknown') gpuPresence = gpus.length > 0 ? 'present' : 'absent';
  return gpus;
}

function sampleProcess() {
  const now = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const elapsedMicros = Number(now - lastProcessTime) / 1000;
  const usedMicros = cpu.user - lastProcessCpu.user + (cpu.system - lastProcessCpu.system);
  lastProcessCpu = cpu;
  lastProcessTime = now;
  return {
    processCpuPercent: elapsedMicros > 0 ? (100 * usedMicros) / elapsedMicros : 0,
    processMemoryMb: process.memoryUsage.rss() / BYTES_PER_MB,
  };
}

const SECTOR_BYTES = 512;
const WHOLE_DISK = /^(sd[a-z]+|vd[a-z]+|xvd[a-z]+|hd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;

/**
 * Disk bytes read and written. On Linux, /proc/diskstats is read directly:
 * systeminformation's fsStats spawns lsblk and cat, and every spawn forks the
 * executor's whole address space, which stalls its event loop for a moment.
 */
async function sampleDisks() {
  if (process.platform !== 'linux') {
    const fs = await si.fsStats();
    return fs && Number.isFinite(fs.rx) ? { rx: fs.rx, wx: fs.wx } : null;
  }
  const text = await readFile('/proc/diskstats', 'utf8');
  let rx = 0;
  let wx = 0;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !WHOLE_DISK.test(fields[2])) continue;
    rx += Number(fields[5]) * SECTOR_BYTES;
    wx += Number(fields[9]) * SECTOR_BYTES;
  }
  return { rx, wx };
}

async function takeSample() {
  const [load, mem, fs, gpus] = await Promise.all([
    si.currentLoad(),
    si.mem(),
    sampleDisks().catch(() => null),
    sampleGpus().catch(() => []),
  ]);
  return {
    timestamp: Date.now(),
    cpuPercent: load.currentLoad,
    memoryMb: (mem.active ?? mem.used) / BYTES_PER_MB,
    ...sampleProcess(),
    diskReadBytes: fs && Number.isFinite(fs.rx) ? fs.rx : undefined,
    diskWriteBytes: fs && Number.isFinite(fs.wx) ? fs.wx : undefined,
    gpus,
  };
}

async function loop() {
  while (!stopped) {
    const started = Date.now();
    try {
      parentPort.postMessage({ type: 'sample', sample: await takeSample() });
    } catch (error) {
      parentPort.postMessage({ type: 'error', message: String((error && error.message) || error) });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
  }
  parentPort.close();
}

void loop();
