import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useApp } from './store/store';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { CrashPage } from './ui/CrashPage';
import './ui/styles.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ErrorBoundary fallback={(error, reset) => <CrashPage error={error} reset={reset} lang={useApp.getState().lang} />}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
