import path from 'node:path';
import { app, BrowserWindow, nativeTheme, session, shell, type IpcMainInvokeEvent } from 'electron';
import { createBackend } from './backend';
import { consoleLogger } from './core/logger';
import { ElectronStoreFile } from './electron-adapters/electron-store-file';
import { SafeStorageCipher } from './electron-adapters/safe-storage-cipher';
import { registerElectronHost } from './hosts/electron';
import { guardWebContents } from './hosts/electron-navigation';
import { isTrustedSenderFrame, type OwnPage } from './hosts/electron-sender';
import { CONTENT_SECURITY_POLICY } from './hosts/security-headers';
import { appVersion, COMPOSE_DIR, defaultDataDir, JMX_EXPORTER, NATIVE_CONF_DIR, NATIVE_LIB_DIR } from './paths';
import { savedBounds, trackWindowState } from './window-state';

const RENDERER_URL = process.env.ELECTRON_RENDERER_URL; // electron-vite dev server, in `npm run dev` only
const RENDERER_FILE = path.join(__dirname, '../renderer/index.html');

const OWN_PAGE: OwnPage = { devServerUrl: RENDERER_URL, file: RENDERER_FILE };

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return isTrustedSenderFrame(event.senderFrame, OWN_PAGE);
}

function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Desktop notifications for alerts are the one permission the app grants itself.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');
}

function createWindow(): BrowserWindow {
  const { bounds, maximized } = savedBounds();
  const window = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    x: bounds?.x,
    y: bounds?.y,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'StreamDesk',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#111418' : '#f6f7f9',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in a new window; window.open is denied anyway, this closes the other path.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (maximized) window.maximize();
  trackWindowState(window);
  window.once('ready-to-show', () => window.show());
  if (RENDERER_URL) void window.loadURL(RENDERER_URL);
  else void window.loadFile(RENDERER_FILE);
  return window;
}

app.on('web-contents-created', (_event, contents) => {
  // Links to a service's own dashboard open in the user's browser, never inside the app.
  guardWebContents(contents, OWN_PAGE, (url) => void shell.openExternal(url));
});

void app.whenReady().then(() => {
  hardenSession();
  const backend = createBackend({
    version: appVersion(),
    dataDir: defaultDataDir(),
    libDir: NATIVE_LIB_DIR,
    confDir: NATIVE_CONF_DIR,
    composeDir: COMPOSE_DIR,
    // the mode is the one the data dir's stack last ran in; the Stack page's choice changes it at the next start
    jmxExporter: { ...JMX_EXPORTER },
    schemaRegistry: true,
    connect: true,
    logger: consoleLogger,
    profiles: { file: new ElectronStoreFile(app.getPath('userData')), cipher: new SafeStorageCipher() },
    alertsFile: new ElectronStoreFile(app.getPath('userData'), 'alerts'),
  });
  registerElectronHost({
    api: backend.api,
    bus: backend.bus,
    logger: consoleLogger,
    isTrustedSender,
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  });
  backend.start();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    // Generators deliver their last batches (acks=all) before the process goes.
    event.preventDefault();
    void backend.dispose().finally(() => {
      disposed = true;
      app.quit();
    });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
