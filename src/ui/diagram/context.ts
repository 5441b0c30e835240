import { createContext, useContext } from 'react';
import type { Model, Trace } from '../../core';
import type { Scales } from '../colors';
import type { Layout } from '../layout';

export interface DiagramContextValue {
  layout: Layout;
  scales: Scales;
  model: Model;
  trace: Trace;
}

export const DiagramContext = createContext<DiagramContextValue | null>(null);

export function useDiagram(): DiagramContextValue {
  const v = useContext(DiagramContext);
  if (!v) throw new Error('useDiagram outside <DiagramContext>');
  return v;
}
