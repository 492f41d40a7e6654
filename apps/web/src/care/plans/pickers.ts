/** Options for the pickers of the plans pages: staff who may own work items, teams, volunteers, projects. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { PLANS_KEY, type Paged, type Planner, type Project } from './model';

export interface Option {
  value: string;
  label: string;
}

export function usePlanners() {
  return useQuery({
    queryKey: [...PLANS_KEY, 'planners'],
    queryFn: ({ signal }) => api.get<Planner[]>('/care/planners', { signal }),
    staleTime: 60_000,
    select: (rows): Option[] => rows.map((u) => ({ value: u.id, label: u.name })),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['care', 'organisations', 'all'],
    queryFn: ({ signal }) =>
      api.get<Paged<{ id: string; name: string; kind: string }>>('/care/organisations', {
        query: { limit: 200 },
        signal,
      }),
    staleTime: 60_000,
    select: (p): Option[] =>
      p.items.filter((o) => o.kind !== 'partner').map((o) => ({ value: o.id, label: o.name })),
  });
}

export function useVolunteers() {
  return useQuery({
    queryKey: ['care', 'volunteers', 'all'],
    queryFn: ({ signal }) =>
      api.get<Paged<{ id: string; name: string }>>('/care/volunteers', { query: { limit: 200 }, signal }),
    staleTime: 60_000,
    select: (p): Option[] => p.items.map((v) => ({ value: v.id, label: v.name })),
  });
}

export function useProjects(active?: boolean) {
  return useQuery({
    queryKey: [...PLANS_KEY, 'projects', { active }],
    queryFn: ({ signal }) =>
      api.get<Paged<Project>>('/care/projects', {
        query: { limit: 200, ...(active === undefined ? {} : { active: String(active) }) },
        signal,
      }),
  });
}
