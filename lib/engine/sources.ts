/**
 * Guideline sources cited by rules. Each rule names one source id; `describe` prints the short form so a
 * reviewer can see, per rule, which guideline justifies the weight.
 */
export const SOURCES = {
  'aha-acc-2016-pad': { short: '2016 AHA/ACC PAD guideline', full: 'Gerhard-Herman et al., Circulation 2017;135:e726' },
  'acc-aha-2024-pad': {
    short: '2024 ACC/AHA multisociety PAD guideline',
    full: 'Gornik et al., Circulation/JACC 2024',
  },
  'gvg-2019-clti': { short: '2019 Global Vascular Guidelines (CLTI)', full: 'Conte et al., J Vasc Surg 2019' },
  'svs-wifi-2014': { short: 'SVS WIfI classification', full: 'Mills et al., J Vasc Surg 2014' },
  'wells-1997': { short: 'Wells 1997 DVT score', full: 'Wells et al., Lancet 1997;350:1795' },
  'wells-2003': { short: 'Wells 2003 DVT score', full: 'Wells et al., N Engl J Med 2003;349:1227' },
  'ash-2018-vte': { short: 'ASH 2018 VTE diagnosis guideline', full: 'Lim et al., Blood Adv 2018;2:3226' },
  'irlssg-2012': { short: 'IRLSSG 2012 RLS criteria', full: 'Allen et al., Sleep Med 2014 (IRLSSG consensus)' },
  'aasm-2024-rls': {
    short: 'AASM 2024 RLS guideline',
    full: 'Winkelman et al., J Clin Sleep Med 2024 (PMID 39324694)',
  },
  'irlssg-iron-2018': { short: 'IRLSSG 2018 iron consensus', full: 'Allen et al., Sleep Med 2018 (PMID 29425576)' },
  'afp-2012-cramps': { short: 'AFP 2012 leg cramps review', full: 'Allen & Kirby, Am Fam Physician 2012;86:350' },
  'garrison-2012-cramps': {
    short: 'Garrison 2012 cramp drug signals',
    full: 'Garrison et al., Arch Intern Med 2012;172:120',
  },
  'aan-2010-cramps': { short: 'AAN 2010 cramps assessment', full: 'Katzberg et al., Neurology 2010;74:691' },
  'acp-aps-2007-lbp': { short: 'ACP/APS 2007 low back pain guideline', full: 'Chou et al., Ann Intern Med 2007' },
  'msd-lss': { short: 'MSD Manual: lumbar spinal stenosis', full: 'MSD Manual Professional, Lumbar spinal stenosis' },
  'baima-2008-peroneal': {
    short: 'Baima & Krivickas 2008 (peroneal neuropathy)',
    full: 'Baima & Krivickas, Curr Rev Musculoskelet Med 2008 (PMC2684217)',
  },
  'dpn-consensus': {
    short: 'diabetic neuropathy consensus (reference §4.7)',
    full: 'Nocturne clinical reference §4.7, summarising ADA diabetic neuropathy guidance',
  },
  'cvi-consensus': {
    short: 'chronic venous disease consensus (reference §4.8)',
    full: 'Nocturne clinical reference §4.8, low-weight optional candidate',
  },
  'nice-ng158-vte': {
    short: 'NICE NG158 VTE guideline',
    full: 'NICE NG158, Venous thromboembolic diseases: diagnosis, management and thrombophilia testing (2020, updated 2023)',
  },
  'girft-2023-ces': {
    short: 'GIRFT 2023 suspected cauda equina pathway',
    full: 'GIRFT / NHS England, National suspected cauda equina syndrome pathway (2023); NICE CKS Sciatica',
  },
  'nice-cks-back-pain': {
    short: 'NICE CKS back pain red flags (spinal infection)',
    full: 'NICE CKS Back pain – low (without radiculopathy) and Sciatica: red flags for spinal infection',
  },
  'idsa-2015-nvo': {
    short: 'IDSA 2015 native vertebral osteomyelitis guideline',
    full: 'Berbari et al., Clin Infect Dis 2015;61:e26 (suspect NVO with new or worsening back pain and fever, raised ESR/CRP, or bloodstream infection/endocarditis); NICE CKS back pain red flags',
  },
  'idsa-2014-ssti': {
    short: 'IDSA 2014 skin and soft-tissue infection guideline',
    full: 'Stevens et al., Clin Infect Dis 2014;59:e10; NICE CKS Cellulitis',
  },
  'acp-2007-deficit': {
    short: 'ACP/APS 2007 and ACR (severe or progressive deficit: prompt MRI; EMG after ~3 weeks)',
    full: 'Chou et al., Ann Intern Med 2007; Chou et al., ACP imaging advice 2011; reference §0b',
  },
  'boast-10-compartment': {
    short: 'BOAST 10 compartment syndrome (BOA 2016)',
    full: 'British Orthopaedic Association Standard for Trauma 10: Diagnosis and management of compartment syndrome of the limbs (2016): pain out of proportion and on passive stretch; fasciotomy within 1 hour of the decision',
  },
  'red-flag-consensus': {
    short: 'red-flag consensus (reference §4.9)',
    full: 'Nocturne clinical reference §4.9 red-flag-only rules',
  },
} as const;

export type SourceId = keyof typeof SOURCES;
