/**
 * Golden tests of the shipped catalog through the real classifier: every tier-1 path rule, tenant
 * hosts, IDN and odd URL forms, look-alike hosts, browser-internal schemes; a fuzz run of malformed
 * input; and the invariants the catalog data must keep.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '@/utils/catalog/classify';
import { APPS, CATALOG_VERSION } from '@/utils/catalog/apps';
import { TRANSIT } from '@/utils/catalog/transit';
import { CATEGORIES } from '@/utils/catalog/types';
import type { Classification, HostRule } from '@/utils/catalog/types';

const classify = createClassifier({ apps: APPS, transit: TRANSIT });
const show = (c: Classification) => (c.kind === 'app' ? 'app:' + c.appId : c.kind);

type Expected = `app:${string}` | 'transit' | 'other';

const GOLDEN: [url: string, expected: Expected][] = [
  // Seed interview apps
  ['https://www.dropbox.com/home', 'app:dropbox'],
  ['https://www.dropbox.com/scl/fi/abc123/Q3-report.xlsx?dl=0', 'app:dropbox'],
  ['https://dropbox.com/', 'app:dropbox'],
  ['https://paper.dropbox.com/doc/Notes--abc', 'app:dropbox'],
  ['https://app.slack.com/client/T0123/C0456', 'app:slack'],
  ['https://acme.slack.com/archives/C0123/p1700000000', 'app:slack'],
  ['https://acme.enterprise.slack.com/', 'app:slack'],
  ['https://slack.com/', 'other'],
  ['https://zoom.us/', 'app:zoom'],
  ['https://zoom.us/signin', 'app:zoom'],
  ['https://zoom.us/join', 'app:zoom'],
  ['https://app.zoom.us/wc/home', 'app:zoom'],
  ['https://us02web.zoom.us/wc/83512345678/join', 'app:zoom'],
  ['https://acme.zoom.us/rec/share/abc', 'app:zoom'],
  ['https://zoom.us/j/83512345678?pwd=abc', 'transit'],
  ['https://us02web.zoom.us/j/83512345678', 'transit'],
  ['https://acme.zoom.us/s/83512345678', 'transit'],
  ['https://acme.zoomgov.com/j/1610000000', 'transit'],
  ['https://mail.google.com/mail/u/0/#inbox', 'app:gmail'],
  ['https://mail.google.com/mail/u/1/?ogbl#sent', 'app:gmail'],
  ['https://mail.google.com/mail/', 'app:gmail'],
  ['https://mail.google.com/', 'app:gmail'],
  ['https://mail.google.com/a/acme.com/', 'app:gmail'],
  ['https://mail.google.com/chatter', 'app:gmail'],
  ['https://docs.google.com/document/d/1AbC/edit', 'app:google-docs'],
  ['https://docs.google.com/document/u/1/d/1AbC/edit', 'app:google-docs'],
  ['https://docs.google.com/a/acme.com/document/d/1AbC/edit', 'app:google-docs'],
  ['https://docs.google.com/document/', 'app:google-docs'],
  ['https://docs.google.com/spreadsheets/d/1AbC/edit#gid=0', 'app:google-sheets'],
  ['https://docs.google.com/spreadsheets/u/1/d/x', 'app:google-sheets'],
  ['https://docs.google.com/spreadsheets/u/0/', 'app:google-sheets'],
  ['https://docs.google.com/Spreadsheets/d/1AbC/edit', 'app:google-sheets'],
  ['https://docs.google.com/presentation/d/1AbC/edit#slide=id.p', 'app:google-slides'],
  ['https://docs.google.com/presentation/u/2/', 'app:google-slides'],
  ['https://drive.google.com/drive/u/0/my-drive', 'app:google-drive'],
  ['https://drive.google.com/drive/folders/1AbC', 'app:google-drive'],
  ['https://drive.google.com/file/d/1AbC/view', 'app:google-drive'],
  ['https://calendar.google.com/calendar/u/0/r/week', 'app:google-calendar'],
  ['https://calendar.google.com/calendar/r?pli=1', 'app:google-calendar'],
  ['https://meet.google.com/abc-defg-hij', 'app:google-meet'],
  ['https://meet.google.com/', 'app:google-meet'],
  ['https://myapps.paychex.com/landing_remote/login.do', 'app:paychex'],
  ['https://myapps.paychex.com/', 'app:paychex'],
  ['https://benefits.paychex.com/', 'app:paychex'],
  ['https://www.paychex.com/', 'other'],
  ['https://paychex.com/', 'other'],

  // Google Workspace on shared hosts, and the rest of Google
  ['https://mail.google.com/chat/u/0/#chat/home', 'app:google-chat'],
  ['https://mail.google.com/u/0/chat', 'app:google-chat'],
  ['https://chat.google.com/u/0/app/chat/AAAA', 'app:google-chat'],
  ['https://docs.google.com/forms/d/e/1FAIpQL/viewform', 'app:google-forms'],
  ['https://docs.google.com/drawings/d/1AbC/edit', 'app:google-drawings'],
  ['https://docs.google.com/videos/d/1AbC/edit', 'app:google-vids'],
  ['https://docs.google.com/', 'app:google-drive'],
  ['https://docs.google.com/uc?id=1AbC&export=download', 'app:google-drive'],
  ['https://docs.google.com/documents', 'app:google-drive'],
  ['https://sites.google.com/a/acme.com/intranet/', 'app:google-sites'],
  ['https://sites.google.com/view/acme-handbook', 'app:google-sites'],
  ['https://keep.google.com/u/0/', 'app:google-keep'],
  ['https://contacts.google.com/', 'app:google-contacts'],
  ['https://groups.google.com/g/eng-announce', 'app:google-groups'],
  ['https://tasks.google.com/tasks/', 'app:google-tasks'],
  ['https://voice.google.com/u/0/calls', 'app:google-voice'],
  ['https://script.google.com/home', 'app:google-apps-script'],
  ['https://colab.research.google.com/drive/1AbC', 'app:google-colab'],
  ['https://gemini.google.com/app', 'app:gemini'],
  ['https://notebooklm.google.com/notebook/abc', 'app:notebooklm'],
  ['https://aistudio.google.com/prompts/new_chat', 'app:google-ai-studio'],
  ['https://console.cloud.google.com/home/dashboard?project=acme', 'app:google-cloud-console'],
  ['https://console.cloud.google.com/bigquery?project=acme', 'app:google-bigquery'],
  ['https://console.cloud.google.com/u/1/bigquery', 'app:google-bigquery'],
  ['https://console.cloud.google.com/bigquerymigration', 'app:google-cloud-console'],
  ['https://console.firebase.google.com/project/acme/overview', 'app:firebase'],
  ['https://lookerstudio.google.com/reporting/abc', 'app:looker-studio'],
  ['https://datastudio.google.com/', 'app:looker-studio'],
  ['https://analytics.google.com/analytics/web/', 'app:google-analytics'],
  ['https://admin.google.com/ac/users', 'app:google-admin'],
  ['https://ads.google.com/aw/overview', 'app:google-ads'],
  ['https://search.google.com/search-console?resource_id=x', 'app:google-search-console'],
  ['https://search.google.com/', 'other'],
  ['https://tagmanager.google.com/', 'app:google-tag-manager'],
  ['https://merchants.google.com/mc/overview', 'app:google-merchant-center'],
  ['https://translate.google.com/?sl=auto&tl=en', 'app:google-translate'],
  ['https://studio.youtube.com/channel/UCabc', 'app:youtube-studio'],
  ['https://www.youtube.com/watch?v=abc', 'other'],
  ['https://myaccount.google.com/', 'other'],
  ['https://accounts.google.com/v3/signin/identifier', 'transit'],
  ['https://accounts.google.com/AccountChooser', 'transit'],

  // Microsoft 365
  ['https://outlook.office.com/mail/inbox', 'app:outlook'],
  ['https://outlook.office365.com/mail/', 'app:outlook'],
  ['https://outlook.cloud.microsoft/mail/', 'app:outlook'],
  ['https://outlook.live.com/mail/0/', 'app:outlook'],
  ['https://outlook.office.com/calendar/view/week', 'app:outlook'],
  ['https://outlook.office.com/bookings/homepage', 'app:microsoft-bookings'],
  ['https://teams.microsoft.com/v2/', 'app:microsoft-teams'],
  ['https://teams.cloud.microsoft/', 'app:microsoft-teams'],
  ['https://teams.live.com/v2/', 'app:microsoft-teams'],
  ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc', 'app:microsoft-teams'],
  ['https://teams.microsoft.com/dl/launcher/launcher.html?url=x', 'transit'],
  ['https://acme.sharepoint.com/sites/Marketing/SitePages/Home.aspx', 'app:microsoft-sharepoint'],
  ['https://acme.sharepoint.com/', 'app:microsoft-sharepoint'],
  ['https://acme.sharepoint.com/sites/x/_layouts/15/Doc.aspx?file=Budget.xlsx', 'app:microsoft-sharepoint'],
  ['https://acme.sharepoint.com/:f:/s/team/EaBc', 'app:microsoft-sharepoint'],
  ['https://acme-my.sharepoint.com/personal/jane_acme_com/_layouts/15/onedrive.aspx', 'app:microsoft-onedrive'],
  ['https://acme-my.sharepoint.com/', 'app:microsoft-sharepoint'],
  ['https://acme.sharepoint.com/personalities', 'app:microsoft-sharepoint'],
  ['https://acme.sharepoint.com/:w:/r/sites/x/_layouts/15/Doc.aspx?sourcedoc=x', 'app:microsoft-word'],
  ['https://acme-my.sharepoint.com/:x:/g/personal/jane_acme_com/EaBc', 'app:microsoft-excel'],
  ['https://acme.sharepoint.com/:p:/s/team/EaBc', 'app:microsoft-powerpoint'],
  ['https://acme.sharepoint.com/:o:/s/team/EaBc', 'app:microsoft-onenote'],
  ['https://sharepoint.com/', 'other'],
  ['https://onedrive.live.com/?id=root', 'app:microsoft-onedrive'],
  ['https://word.cloud.microsoft/', 'app:microsoft-word'],
  ['https://excel.cloud.microsoft/', 'app:microsoft-excel'],
  ['https://powerpoint.cloud.microsoft/', 'app:microsoft-powerpoint'],
  ['https://loop.cloud.microsoft/', 'app:microsoft-loop'],
  ['https://tasks.office.com/acme.com/Home/Planner', 'app:microsoft-planner'],
  ['https://to-do.office.com/tasks/', 'app:microsoft-to-do'],
  ['https://forms.office.com/Pages/DesignPageV2.aspx', 'app:microsoft-forms'],
  ['https://www.office.com/', 'transit'],
  ['https://www.microsoft365.com/?auth=2', 'transit'],
  ['https://www.microsoft365.com/chat', 'app:microsoft-copilot'],
  ['https://m365.cloud.microsoft/', 'transit'],
  ['https://m365.cloud.microsoft/apps', 'transit'],
  ['https://m365.cloud.microsoft/chat?auth=2', 'app:microsoft-copilot'],
  ['https://copilot.microsoft.com/', 'app:microsoft-copilot'],
  ['https://www.bing.com/chat', 'app:microsoft-copilot'],
  ['https://myapps.microsoft.com/', 'transit'],
  ['https://login.microsoftonline.com/common/oauth2/v2.0/authorize', 'transit'],
  ['https://login.live.com/login.srf', 'transit'],
  ['https://app.powerbi.com/groups/me/reports/abc', 'app:power-bi'],
  ['https://app.fabric.microsoft.com/home', 'app:power-bi'],
  ['https://portal.azure.com/#home', 'app:azure-portal'],
  ['https://dev.azure.com/acme/project/_git/repo', 'app:azure-devops'],
  ['https://acme.visualstudio.com/', 'app:azure-devops'],
  ['https://make.powerapps.com/', 'app:microsoft-power-apps'],
  ['https://make.powerautomate.com/', 'app:microsoft-power-automate'],
  ['https://admin.microsoft.com/Adminportal/Home', 'app:microsoft-365-admin'],
  ['https://entra.microsoft.com/', 'app:microsoft-entra'],
  ['https://intune.microsoft.com/', 'app:microsoft-intune'],
  ['https://security.microsoft.com/homepage', 'app:microsoft-defender'],
  ['https://clarity.microsoft.com/projects', 'app:microsoft-clarity'],
  ['https://acme.crm.dynamics.com/main.aspx?appid=abc', 'app:dynamics-365'],
  ['https://acme.crm4.dynamics.com/main.aspx', 'app:dynamics-365'],
  ['https://acme.operations.dynamics.com/?cmp=usmf', 'app:dynamics-365-finance'],
  ['https://businesscentral.dynamics.com/tenant/Production', 'app:dynamics-365-business-central'],
  ['https://home.dynamics.com/', 'transit'],
  ['https://dynamics.com/', 'other'],
  ['https://www.microsoft.com/en-us/microsoft-365', 'other'],

  // LinkedIn: only the work products, by path
  ['https://www.linkedin.com/sales/home', 'app:linkedin-sales-navigator'],
  ['https://www.linkedin.com/sales/lead/ACwAA', 'app:linkedin-sales-navigator'],
  ['https://www.linkedin.com/salesforce', 'other'],
  ['https://www.linkedin.com/feed/', 'other'],
  ['https://www.linkedin.com/talent/hire/123', 'app:linkedin-recruiter'],
  ['https://www.linkedin.com/learning/excel-essentials', 'app:linkedin-learning'],
  ['https://www.linkedin.com/campaignmanager/accounts/1', 'app:linkedin-campaign-manager'],

  // Atlassian
  ['https://acme.atlassian.net/wiki/spaces/ENG/pages/123/Runbook', 'app:atlassian-confluence'],
  ['https://acme.atlassian.net/wiki', 'app:atlassian-confluence'],
  ['https://acme.atlassian.net/WIKI/spaces/ENG', 'app:atlassian-confluence'],
  ['https://acme.atlassian.net/wikipedia', 'app:atlassian-other'],
  ['https://acme.atlassian.net/jira/software/projects/ABC/boards/1', 'app:atlassian-jira'],
  ['https://acme.atlassian.net/jira/your-work', 'app:atlassian-jira'],
  ['https://acme.atlassian.net/browse/ABC-123', 'app:atlassian-jira'],
  ['https://acme.atlassian.net/projects/ABC/issues', 'app:atlassian-jira'],
  ['https://acme.atlassian.net/issues/?jql=assignee%3DcurrentUser()', 'app:atlassian-jira'],
  ['https://acme.atlassian.net/secure/RapidBoard.jspa?rapidView=1', 'app:atlassian-jira'],
  ['https://acme.atlassian.net/servicedesk/customer/portal/1', 'app:atlassian-jira-service-management'],
  ['https://acme.atlassian.net/jira/servicedesk/projects/IT/queues', 'app:atlassian-jira-service-management'],
  ['https://acme.atlassian.net/jira/servicedesks', 'app:atlassian-jira'],
  ['https://acme.atlassian.net/compass/components', 'app:atlassian-compass'],
  ['https://acme.atlassian.net/', 'app:atlassian-other'],
  ['https://acme.atlassian.net/people', 'app:atlassian-other'],
  ['https://acme-sandbox-123.atlassian.net/browse/X-1', 'app:atlassian-jira'],
  ['https://atlassian.net/wiki', 'other'],
  ['https://www.atlassian.com/software/jira', 'other'],
  ['https://id.atlassian.com/login', 'transit'],
  ['https://home.atlassian.com/', 'transit'],
  ['https://admin.atlassian.com/o/abc/overview', 'app:atlassian-admin'],
  ['https://acme.jira.com/browse/X-1', 'app:atlassian-jira'],
  ['https://acme.jiraalign.com/', 'app:atlassian-jira-align'],
  ['https://trello.com/b/AbC/roadmap', 'app:trello'],
  ['https://bitbucket.org/acme/repo/pull-requests/1', 'app:bitbucket'],
  ['https://manage.statuspage.io/pages/abc', 'app:statuspage'],
  ['https://acme.app.opsgenie.com/alert/list', 'app:opsgenie'],
  ['https://www.loom.com/share/abc', 'app:loom'],

  // Salesforce tenants
  ['https://acme.lightning.force.com/lightning/r/Account/001/view', 'app:salesforce'],
  ['https://acme.my.salesforce.com/', 'app:salesforce'],
  ['https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home', 'app:salesforce'],
  ['https://acme--uat.sandbox.my.salesforce.com/', 'app:salesforce'],
  ['https://acme--uat.sandbox.lightning.force.com/lightning/page/home', 'app:salesforce'],
  ['https://acme--uat.sandbox.my.salesforce-setup.com/', 'app:salesforce'],
  ['https://acme-dev-ed.develop.my.salesforce.com/', 'app:salesforce'],
  ['https://acme-dev-ed.develop.lightning.force.com/', 'app:salesforce'],
  ['https://acme--c.vf.force.com/apex/Page', 'app:salesforce'],
  ['https://login.salesforce.com/', 'transit'],
  ['https://test.salesforce.com/', 'transit'],
  ['https://my.salesforce.com/', 'other'],
  ['https://lightning.force.com/', 'other'],
  ['https://www.salesforce.com/products/', 'other'],
  ['https://acme.my.site.com/s/', 'other'],
  ['https://mc.s7.exacttarget.com/cloud/', 'app:salesforce-marketing-cloud'],
  ['https://pi.pardot.com/', 'app:salesforce-account-engagement'],
  ['https://prod-useast-a.online.tableau.com/#/site/acme/home', 'app:tableau'],
  ['https://public.tableau.com/app/discover', 'other'],
  ['https://anypoint.mulesoft.com/home/', 'app:mulesoft-anypoint'],
  ['https://dashboard.heroku.com/apps', 'app:heroku'],

  // Zendesk and other help desks
  ['https://acme.zendesk.com/agent/tickets/123', 'app:zendesk'],
  ['https://eu.acme.zendesk.com/agent', 'app:zendesk'],
  ['https://acme.zendesk.com/hc/en-us', 'other'],
  ['https://acme.zendesk.com/hc', 'other'],
  ['https://acme.zendesk.com/HC/en-us/articles/1', 'other'],
  ['https://acme.zendesk.com/hcx', 'app:zendesk'],
  ['https://zendesk.com/', 'other'],
  ['https://www.zendesk.com/pricing/', 'other'],
  ['https://evilzendesk.com/agent', 'other'],
  ['https://acme.freshdesk.com/a/tickets/1', 'app:freshdesk'],
  ['https://acme.freshservice.com/a/tickets/1', 'app:freshservice'],
  ['https://acme.service-now.com/now/nav/ui/home', 'app:servicenow'],
  ['https://app.intercom.com/a/inbox/abc', 'app:intercom'],
  ['https://secure.helpscout.net/inbox/1', 'app:help-scout'],
  ['https://app.frontapp.com/inboxes', 'app:front'],
  ['https://acme.gorgias.com/app/tickets', 'app:gorgias'],
  ['https://desk.zoho.com.au/agent/acme', 'app:zoho-desk'],
  ['https://apps.mypurecloud.ie/directory/', 'app:genesys-cloud'],
  ['https://acme.my.connect.aws/ccp-v2', 'app:amazon-connect'],
  ['https://acme.awsapps.com/connect/ccp-v2', 'app:amazon-connect'],

  // Shopify and commerce
  ['https://admin.shopify.com/store/acme/orders', 'app:shopify'],
  ['https://acme.myshopify.com/admin/products', 'app:shopify'],
  ['https://acme.myshopify.com/', 'other'],
  ['https://acme.myshopify.com/administrator', 'other'],
  ['https://myshopify.com/admin', 'other'],
  ['https://www.shopify.com/', 'other'],
  ['https://dashboard.stripe.com/test/payments', 'app:stripe'],
  ['https://stripe.com/', 'other'],
  ['https://squareup.com/dashboard/sales', 'app:square'],
  ['https://squareup.com/us/en', 'other'],
  ['https://store-abc123.mybigcommerce.com/manage/dashboard', 'app:bigcommerce'],
  ['https://login.bigcommerce.com/login', 'transit'],
  ['https://sellercentral.amazon.com/home', 'app:amazon-seller-central'],
  ['https://www.ebay.com/sh/ovw', 'app:ebay-seller-hub'],
  ['https://www.ebay.com/shop', 'other'],
  ['https://www.ebay.com/itm/123', 'other'],
  ['https://acme.chargebee.com/customers', 'app:chargebee'],
  ['https://www.chargebee.com/', 'other'],

  // Zoho, by product subdomain across regional domains
  ['https://mail.zoho.com/zm/#mail', 'app:zoho-mail'],
  ['https://mail.zoho.eu/', 'app:zoho-mail'],
  ['https://crm.zoho.in/crm/org1/tab/Home', 'app:zoho-crm'],
  ['https://crm.zoho.com/', 'app:zoho-crm'],
  ['https://projects.zoho.jp/portal/acme', 'app:zoho-projects'],
  ['https://books.zohocloud.ca/app', 'app:zoho-books'],
  ['https://people.zoho.com/', 'app:zoho-people'],
  ['https://cliq.zoho.eu/', 'app:zoho-cliq'],
  ['https://workdrive.zoho.com/', 'app:zoho-workdrive'],
  ['https://writer.zoho.com/', 'app:zoho-writer'],
  ['https://sheet.zoho.com/', 'app:zoho-sheet'],
  ['https://sign.zoho.com/', 'app:zoho-sign'],
  ['https://analytics.zoho.com/', 'app:zoho-analytics'],
  ['https://accounts.zoho.com/signin', 'transit'],
  ['https://accounts.zoho.eu/signin', 'transit'],
  ['https://www.zoho.com/crm/', 'other'],
  ['https://zoho.com/', 'other'],
  ['https://crm.zoho.com.evil.example/', 'other'],

  // AWS
  ['https://console.aws.amazon.com/console/home', 'app:aws-console'],
  ['https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1', 'app:aws-console'],
  ['https://eu-west-1.console.aws.amazon.com/s3/buckets', 'app:aws-console'],
  ['https://signin.aws.amazon.com/signin', 'transit'],
  ['https://us-east-1.signin.aws.amazon.com/oauth', 'transit'],
  ['https://d-1234567890.awsapps.com/start', 'transit'],
  ['https://aws.amazon.com/', 'other'],
  ['https://www.amazon.com/', 'other'],

  // Figma and Miro
  ['https://www.figma.com/design/AbC/Checkout', 'app:figma'],
  ['https://www.figma.com/file/AbC/Checkout', 'app:figma'],
  ['https://www.figma.com/files/recents-and-sharing', 'app:figma'],
  ['https://www.figma.com/proto/AbC/Checkout', 'app:figma'],
  ['https://www.figma.com/board/AbC/Retro', 'app:figjam'],
  ['https://www.figma.com/', 'other'],
  ['https://www.figma.com/pricing/', 'other'],
  ['https://www.figma.com/designers', 'other'],
  ['https://miro.com/app/board/uXjVabc=/', 'app:miro'],
  ['https://miro.com/app/dashboard/', 'app:miro'],
  ['https://miro.com/', 'other'],
  ['https://miro.com/application', 'other'],
  ['https://miro.com/pricing/', 'other'],

  // Work management and docs
  ['https://app.asana.com/0/home/123', 'app:asana'],
  ['https://acme.monday.com/boards/123', 'app:monday'],
  ['https://monday.com/', 'other'],
  ['https://auth.monday.com/login', 'transit'],
  ['https://app.clickup.com/123/home', 'app:clickup'],
  ['https://linear.app/acme/issue/ENG-1', 'app:linear'],
  ['https://app.smartsheet.com/sheets/abc', 'app:smartsheet'],
  ['https://app.smartsheet.eu/', 'app:smartsheet'],
  ['https://www.wrike.com/workspace.htm#path=inbox', 'app:wrike'],
  ['https://www.wrike.com/', 'other'],
  ['https://3.basecamp.com/123/projects', 'app:basecamp'],
  ['https://launchpad.37signals.com/', 'transit'],
  ['https://acme.teamwork.com/app/projects', 'app:teamwork'],
  ['https://app.todoist.com/app/today', 'app:todoist'],
  ['https://app.shortcut.com/acme/stories', 'app:shortcut'],
  ['https://acme.youtrack.cloud/issues', 'app:youtrack'],
  ['https://acme.productboard.com/', 'app:productboard'],
  ['https://acme.aha.io/features', 'app:aha'],
  ['https://acme.harvestapp.com/time', 'app:harvest'],
  ['https://track.toggl.com/timer', 'app:toggl-track'],
  ['https://www.meistertask.com/app/dashboard', 'app:meistertask'],
  ['https://www.notion.so/acme/Roadmap-123abc', 'app:notion'],
  ['https://notion.so/', 'app:notion'],
  ['https://acme.notion.site/Careers-abc', 'other'],
  ['https://www.notion.com/', 'other'],
  ['https://calendar.notion.so/', 'app:notion-calendar'],
  ['https://coda.io/d/Team-Hub_dAbC', 'app:coda'],
  ['https://acme.quip.com/AbC/Plan', 'app:quip'],
  ['https://app.getguru.com/', 'app:guru'],
  ['https://acme.slab.com/posts/abc', 'app:slab'],
  ['https://acme.slite.com/app/docs/abc', 'app:slite'],
  ['https://app.gitbook.com/o/abc/s/def', 'app:gitbook'],
  ['https://www.evernote.com/client/web', 'app:evernote'],
  ['https://app.grammarly.com/', 'app:grammarly'],
  ['https://app.pitch.com/app/dashboard', 'app:pitch'],
  ['https://acrobat.adobe.com/link/home/', 'app:adobe-acrobat'],
  ['https://airtable.com/appAbC/tblDef', 'app:airtable'],
  ['https://docs.getgrist.com/', 'app:grist'],

  // Code, DevOps and cloud
  ['https://github.com/acme/repo/pull/1', 'app:github'],
  ['https://gist.github.com/jane/abc', 'app:github'],
  ['https://acme.github.io/', 'other'],
  ['https://github.dev/acme/repo', 'app:github-codespaces'],
  ['https://fuzzy-space-guide-abc.github.dev/', 'app:github-codespaces'],
  ['https://gitlab.com/acme/repo/-/merge_requests/1', 'app:gitlab'],
  ['https://acme.gitlab.io/docs', 'other'],
  ['https://vscode.dev/', 'app:vscode-web'],
  ['https://web.postman.co/workspace/abc', 'app:postman'],
  ['https://acme.postman.co/', 'app:postman'],
  ['https://hub.docker.com/r/library/node', 'app:docker-hub'],
  ['https://acme.retool.com/apps', 'app:retool'],
  ['https://www.retool.com/', 'other'],
  ['https://vercel.com/acme/project', 'app:vercel'],
  ['https://my-app.vercel.app/', 'other'],
  ['https://app.netlify.com/sites/acme/overview', 'app:netlify'],
  ['https://acme.netlify.app/', 'other'],
  ['https://acme.sentry.io/issues/', 'app:sentry'],
  ['https://sentry.io/organizations/acme/issues/', 'app:sentry'],
  ['https://sentry.io/welcome/', 'other'],
  ['https://app.datadoghq.com/dashboard/lists', 'app:datadog'],
  ['https://app.datadoghq.eu/apm/home', 'app:datadog'],
  ['https://us5.datadoghq.com/monitors/manage', 'app:datadog'],
  ['https://acme.pagerduty.com/incidents', 'app:pagerduty'],
  ['https://www.pagerduty.com/', 'other'],
  ['https://one.newrelic.com/', 'app:new-relic'],
  ['https://acme.grafana.net/d/abc/overview', 'app:grafana-cloud'],
  ['https://acme.splunkcloud.com/en-US/app/search', 'app:splunk-cloud'],
  ['https://app.circleci.com/pipelines/github/acme', 'app:circleci'],
  ['https://app.terraform.io/app/acme/workspaces', 'app:terraform-cloud'],
  ['https://app.launchdarkly.com/projects/default/flags', 'app:launchdarkly'],
  ['https://acme.jfrog.io/ui/repos', 'app:jfrog'],
  ['https://app.incident.io/acme/incidents', 'app:incident-io'],
  ['https://dash.cloudflare.com/abc/acme.com', 'app:cloudflare'],
  ['https://one.dash.cloudflare.com/abc/home', 'app:cloudflare-zero-trust'],
  ['https://www.cloudflare.com/', 'other'],
  ['https://cloud.digitalocean.com/projects', 'app:digitalocean'],
  ['https://supabase.com/dashboard/project/abc', 'app:supabase'],
  ['https://supabase.com/', 'other'],
  ['https://fly.io/dashboard/acme', 'app:fly-io'],
  ['https://cloud.mongodb.com/v2/abc', 'app:mongodb-atlas'],
  ['https://console.twilio.com/', 'app:twilio-console'],
  ['https://platform.openai.com/usage', 'app:openai-platform'],
  ['https://console.anthropic.com/dashboard', 'app:anthropic-console'],

  // Design
  ['https://www.canva.com/design/AbC/edit', 'app:canva'],
  ['https://lucid.app/lucidchart/abc/edit', 'app:lucid'],
  ['https://app.mural.co/t/acme/m/acme/123', 'app:mural'],
  ['https://framer.com/projects/Site--abc', 'app:framer'],
  ['https://whimsical.com/acme/flow-abc', 'app:whimsical'],
  ['https://excalidraw.com/', 'app:excalidraw'],
  ['https://app.diagrams.net/', 'app:drawio'],
  ['https://app.frame.io/projects/abc', 'app:frame-io'],
  ['https://new.express.adobe.com/', 'app:adobe-express'],

  // CRM and sales
  ['https://app.hubspot.com/contacts/123/objects/0-1', 'app:hubspot'],
  ['https://app-eu1.hubspot.com/reports-dashboard/123', 'app:hubspot'],
  ['https://www.hubspot.com/', 'other'],
  ['https://acme.pipedrive.com/pipeline', 'app:pipedrive'],
  ['https://www.pipedrive.com/', 'other'],
  ['https://app.gong.io/call?id=1', 'app:gong'],
  ['https://app.salesloft.com/app/dashboard', 'app:salesloft'],
  ['https://web.outreach.io/', 'app:outreach'],
  ['https://app.apollo.io/#/people', 'app:apollo'],
  ['https://app.zoominfo.com/', 'app:zoominfo'],
  ['https://app.attio.com/acme/', 'app:attio'],
  ['https://app.close.com/leads/', 'app:close'],
  ['https://acme.myfreshworks.com/crm/sales/', 'app:freshsales'],

  // Marketing
  ['https://us21.admin.mailchimp.com/campaigns/', 'app:mailchimp'],
  ['https://mailchimp.com/', 'other'],
  ['https://login.mailchimp.com/', 'transit'],
  ['https://app-ab12.marketo.com/#MM0A1', 'app:marketo'],
  ['https://www.klaviyo.com/dashboard', 'app:klaviyo'],
  ['https://www.klaviyo.com/', 'other'],
  ['https://acme.activehosted.com/app/contacts', 'app:activecampaign'],
  ['https://app.brevo.com/', 'app:brevo'],
  ['https://www.semrush.com/projects/', 'app:semrush'],
  ['https://business.facebook.com/latest/home', 'app:meta-business-suite'],
  ['https://www.facebook.com/', 'other'],
  ['https://hootsuite.com/dashboard', 'app:hootsuite'],
  ['https://app.sproutsocial.com/', 'app:sprout-social'],
  ['https://webflow.com/dashboard', 'app:webflow'],
  ['https://acme-site.design.webflow.com/', 'app:webflow'],
  ['https://acme.webflow.io/', 'other'],
  ['https://acme.squarespace.com/config/pages', 'app:squarespace'],
  ['https://acme.squarespace.com/', 'other'],
  ['https://acme.ghost.io/ghost/#/dashboard', 'app:ghost'],
  ['https://acme.ghost.io/', 'other'],
  ['https://admin.typeform.com/', 'app:typeform'],
  ['https://acme.qualtrics.com/survey-builder/', 'app:qualtrics'],
  ['https://www.jotform.com/myforms/', 'app:jotform'],
  ['https://app.contentful.com/spaces/abc', 'app:contentful'],

  // HR and recruiting
  ['https://wd5.myworkday.com/acme/d/home.htmld', 'app:workday'],
  ['https://www.workday.com/', 'other'],
  ['https://workforcenow.adp.com/theme/index.html', 'app:adp'],
  ['https://acme.bamboohr.com/home', 'app:bamboohr'],
  ['https://www.bamboohr.com/', 'other'],
  ['https://app.gusto.com/payroll', 'app:gusto'],
  ['https://app.rippling.com/dashboard', 'app:rippling'],
  ['https://app.greenhouse.io/dashboard', 'app:greenhouse'],
  ['https://job-boards.greenhouse.io/acme', 'other'],
  ['https://hire.lever.co/candidates', 'app:lever'],
  ['https://jobs.lever.co/acme', 'other'],
  ['https://app.ashbyhq.com/candidates', 'app:ashby'],
  ['https://acme.workable.com/backend/jobs', 'app:workable'],
  ['https://apply.workable.com/acme/', 'other'],
  ['https://acme.personio.de/', 'app:personio'],
  ['https://www.personio.de/', 'other'],
  ['https://app.hibob.com/home', 'app:hibob'],
  ['https://app.deel.com/', 'app:deel'],
  ['https://n12.ultipro.com/default.aspx', 'app:ukg-pro'],
  ['https://acme.latticehq.com/', 'app:lattice'],
  ['https://performancemanager4.successfactors.com/sf/home', 'app:sap-successfactors'],

  // Finance and accounting
  ['https://qbo.intuit.com/app/homepage', 'app:quickbooks-online'],
  ['https://c17.qbo.intuit.com/qbo17/', 'app:quickbooks-online'],
  ['https://accounts.intuit.com/app/sign-in', 'transit'],
  ['https://go.xero.com/Dashboard', 'app:xero'],
  ['https://login.xero.com/identity/user/login', 'transit'],
  ['https://www.xero.com/', 'other'],
  ['https://1234567.app.netsuite.com/app/center/card.nl', 'app:netsuite'],
  ['https://1234567-sb1.app.netsuite.com/', 'app:netsuite'],
  ['https://us2.concursolutions.com/home', 'app:sap-concur'],
  ['https://new.expensify.com/home', 'app:expensify'],
  ['https://app.ramp.com/home', 'app:ramp'],
  ['https://dashboard.brex.com/', 'app:brex'],
  ['https://app02.us.bill.com/neo/frame/home', 'app:bill'],
  ['https://my.freshbooks.com/#/dashboard', 'app:freshbooks'],
  ['https://acme.coupahost.com/', 'app:coupa'],

  // Analytics and BI
  ['https://acme.looker.com/dashboards/1', 'app:looker'],
  ['https://acme.cloud.looker.com/', 'app:looker'],
  ['https://app.snowflake.com/us-east-1/abc/worksheets', 'app:snowflake'],
  ['https://abc12345.snowflakecomputing.com/console', 'app:snowflake'],
  ['https://dbc-abc123.cloud.databricks.com/', 'app:databricks'],
  ['https://adb-123.4.azuredatabricks.net/', 'app:databricks'],
  ['https://app.amplitude.com/analytics/acme', 'app:amplitude'],
  ['https://mixpanel.com/project/123/view/1/app/boards', 'app:mixpanel'],
  ['https://mixpanel.com/', 'other'],
  ['https://app.segment.com/acme/overview', 'app:segment'],
  ['https://heapanalytics.com/app/env/1', 'app:heap'],
  ['https://us.posthog.com/project/1', 'app:posthog'],
  ['https://acme.domo.com/page/1', 'app:domo'],
  ['https://www.domo.com/', 'other'],

  // Identity and security
  ['https://my.1password.com/', 'app:1password'],
  ['https://acme.1password.eu/', 'app:1password'],
  ['https://www.1password.com/', 'other'],
  ['https://1password.com/', 'other'],
  ['https://lastpass.com/vault/', 'app:lastpass'],
  ['https://vault.bitwarden.com/#/vault', 'app:bitwarden'],
  ['https://manage.auth0.com/dashboard/us/acme', 'app:auth0-dashboard'],
  ['https://login.tailscale.com/admin/machines', 'app:tailscale'],
  ['https://login.tailscale.com/login', 'transit'],
  ['https://falcon.crowdstrike.com/', 'app:crowdstrike-falcon'],
  ['https://acme.jamfcloud.com/', 'app:jamf'],

  // AI assistants
  ['https://chatgpt.com/', 'app:chatgpt'],
  ['https://chatgpt.com/c/abc', 'app:chatgpt'],
  ['https://chat.openai.com/', 'app:chatgpt'],
  ['https://auth.openai.com/log-in', 'transit'],
  ['https://claude.ai/new', 'app:claude'],
  ['https://www.perplexity.ai/search/abc', 'app:perplexity'],
  ['https://chat.mistral.ai/chat', 'app:mistral-le-chat'],

  // E-signature, legal and scheduling
  ['https://app.docusign.com/home', 'app:docusign'],
  ['https://na3.docusign.net/Member/Home.aspx', 'app:docusign'],
  ['https://account.docusign.com/', 'transit'],
  ['https://app.hellosign.com/home', 'app:dropbox-sign'],
  ['https://app.pandadoc.com/a/#/documents', 'app:pandadoc'],
  ['https://acme.na1.adobesign.com/public/agreements', 'app:adobe-acrobat-sign'],
  ['https://app.clio.com/nc/#/', 'app:clio'],
  ['https://calendly.com/app/scheduled_events/user/me', 'app:calendly'],
  ['https://calendly.com/jane/30min', 'app:calendly'],
  ['https://app.cal.com/bookings/upcoming', 'app:cal-com'],
  ['https://doodle.com/dashboard', 'app:doodle'],

  // Meetings and chat
  ['https://acme.webex.com/meet/jane', 'app:webex'],
  ['https://www.webex.com/', 'other'],
  ['https://idbroker.webex.com/idb/UI/Login', 'transit'],
  ['https://app.ringcentral.com/messages', 'app:ringcentral'],
  ['https://dialpad.com/app', 'app:dialpad'],
  ['https://discord.com/channels/@me', 'app:discord'],
  ['https://discord.com/', 'other'],
  ['https://web.whatsapp.com/', 'app:whatsapp-web'],
  ['https://app.fireflies.ai/notebook', 'app:fireflies'],
  ['https://mail.yahoo.com/d/folders/1', 'app:yahoo-mail'],
  ['https://www.icloud.com/mail/', 'app:icloud-mail'],
  ['https://www.icloud.com/', 'other'],

  // Automation and utilities
  ['https://zapier.com/app/dashboard', 'app:zapier'],
  ['https://zapier.com/editor/123/draft', 'app:zapier'],
  ['https://zapier.com/', 'other'],
  ['https://zapier.com/apps/slack/integrations', 'other'],
  ['https://eu1.make.com/123/scenarios', 'app:make'],
  ['https://www.make.com/en', 'other'],
  ['https://acme.app.n8n.cloud/workflows', 'app:n8n-cloud'],
  ['https://www.deepl.com/en/translator', 'app:deepl'],

  // Identity providers and sign-in pages
  ['https://acme.okta.com/app/UserHome', 'transit'],
  ['https://acme.oktapreview.com/', 'transit'],
  ['https://acme.okta-emea.com/', 'transit'],
  ['https://www.okta.com/', 'other'],
  ['https://okta.com/', 'other'],
  ['https://acme.onelogin.com/portal', 'transit'],
  ['https://acme.us.auth0.com/u/login', 'transit'],
  ['https://auth0.com/', 'other'],
  ['https://api-12345678.duosecurity.com/frame/prompt', 'transit'],
  ['https://acme.b2clogin.com/acme.onmicrosoft.com/oauth2/v2.0/authorize', 'transit'],
  ['https://appleid.apple.com/sign-in', 'transit'],

  // Search engines and new-tab pages
  ['https://www.google.com/', 'transit'],
  ['https://www.google.com/search?q=slack+huddle', 'transit'],
  ['https://www.google.com/u/1/search?q=x', 'transit'],
  ['https://google.com/', 'transit'],
  ['https://www.google.co.uk/search?q=x', 'transit'],
  ['https://www.google.com/maps/place/x', 'transit'],
  ['https://www.bing.com/search?q=x', 'transit'],
  ['https://duckduckgo.com/?q=x', 'transit'],
  ['https://html.duckduckgo.com/html/?q=x', 'transit'],
  ['https://search.yahoo.com/search?p=x', 'transit'],
  ['https://uk.search.yahoo.com/search?p=x', 'transit'],
  ['https://www.yahoo.com/', 'other'],
  ['https://www.ecosia.org/search?q=x', 'transit'],
  ['https://search.brave.com/search?q=x', 'transit'],
  ['https://kagi.com/search?q=x', 'transit'],
  ['https://www.startpage.com/do/search', 'transit'],
  ['https://yandex.com/search/?text=x', 'transit'],
  ['https://yandex.com/maps', 'other'],
  ['https://ntp.msn.com/edge/ntp?locale=en-US', 'transit'],

  // Browser-internal and other schemes
  ['chrome://newtab/', 'transit'],
  ['chrome://settings/', 'transit'],
  ['about:blank', 'transit'],
  ['about:newtab', 'transit'],
  ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html', 'transit'],
  ['moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/popup.html', 'transit'],
  ['edge://settings', 'transit'],
  ['edge://newtab/', 'transit'],
  ['file:///tmp/x.pdf', 'transit'],
  ['view-source:https://app.slack.com/client', 'transit'],
  ['javascript:alert(1)', 'other'],
  ['data:text/html,hi', 'other'],
  ['ftp://ftp.example.com/pub/file.txt', 'other'],
  ['mailto:jane@example.com', 'other'],
  ['tel:+15555550100', 'other'],
  ['blob:https://app.slack.com/0f1e2d3c-4b5a-6978', 'other'],
  ['wss://wss-primary.slack.com/', 'other'],
  ['not a url', 'other'],
  ['', 'other'],
  ['app.slack.com/client', 'other'],
  ['//app.slack.com/client', 'other'],
  ['https://%zz/', 'other'],
  ['http://[::1]:99999', 'other'],

  // Ports, case, trailing dots, IP and local hosts
  ['https://app.slack.com:443/client', 'app:slack'],
  ['https://app.slack.com:8443/client', 'app:slack'],
  ['http://app.slack.com/client', 'app:slack'],
  ['https://APP.SLACK.COM./client', 'app:slack'],
  ['HTTPS://WWW.DROPBOX.COM/home', 'app:dropbox'],
  ['https://Acme.Atlassian.Net/Wiki/spaces', 'app:atlassian-confluence'],
  ['https://mail.google.com./mail/u/0/', 'app:gmail'],
  ['https://acme.zendesk.com../agent', 'app:zendesk'],
  ['https://ａｐｐ.ｓｌａｃｋ.ｃｏｍ/client', 'app:slack'],
  ['http://localhost:3000/', 'other'],
  ['http://127.0.0.1:8080/wiki', 'other'],
  ['http://[::1]:8080/', 'other'],
  ['https://192.168.1.10/browse/X-1', 'other'],
  ['http://intranet/', 'other'],

  // IDN hosts
  ['https://bücher.example/', 'other'],
  ['https://xn--bcher-kva.example/', 'other'],
  ['https://xn--mnchen-3ya.atlassian.net/wiki', 'app:atlassian-confluence'],
  ['https://münchen.atlassian.net/wiki/home', 'app:atlassian-confluence'],
  ['https://ドメイン.slack.com/', 'app:slack'],
  ['https://xn--80ak6aa92e.com/', 'other'],

  // Look-alike hosts
  ['https://slack.com.evil.example/', 'other'],
  ['https://notslack.com/', 'other'],
  ['https://app-slack.com/client', 'other'],
  ['https://app.slack.co/client', 'other'],
  ['https://dropbox.com.phish.io/', 'other'],
  ['https://www.dropbox.com.evil.example/login', 'other'],
  ['https://docs.google.com.evil.example/document/d/1', 'other'],
  ['https://mail.google.evil.example/mail', 'other'],
  ['https://github.com.attacker.io/', 'other'],
  ['https://xatlassian.net/wiki', 'other'],
  ['https://acme.atlassian.net.evil.example/wiki', 'other'],
  ['https://acme.lightning.force.com.evil.example/', 'other'],
  ['https://accounts.google.com.evil.example/', 'other'],
  ['https://login.microsoftonline.com.evil.example/', 'other'],
  ['https://evil-okta.com/', 'other'],
  ['https://myshopify.com.evil.io/admin', 'other'],
];

describe(`catalog golden cases (catalog ${CATALOG_VERSION})`, () => {
  it('has at least 320 cases and no duplicate URL', () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(320);
    expect(new Set(GOLDEN.map(([url]) => url)).size).toBe(GOLDEN.length);
  });

  it('refers only to app ids that exist', () => {
    const ids = new Set(APPS.map((a) => a.id));
    const missing = GOLDEN.filter(([, e]) => e.startsWith('app:') && !ids.has(e.slice(4))).map(
      ([u, e]) => `${u} → ${e}`,
    );
    expect(missing).toEqual([]);
  });

  it.each(GOLDEN)('%s → %s', (url, expected) => {
    expect(show(classify(url))).toBe(expected);
  });

  it('keeps the normalised host of other sites', () => {
    expect(classify('https://Intranet.Acme.Example./page')).toEqual({ kind: 'other', host: 'intranet.acme.example' });
  });
});

/** mulberry32: a small seeded PRNG, so the fuzz run is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzInputs(count: number, seed: number): string[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const schemes = [
    'http://',
    'https://',
    'HTTPS://',
    'ftp://',
    'chrome://',
    'about:',
    'file://',
    'data:',
    'javascript:',
    'view-source:https://',
    'blob:https://',
    'ws://',
    'x-weird+scheme.1:',
    '',
    '//',
    'http:',
    'https:/',
  ];
  const labels = [
    'app',
    'slack',
    'com',
    'atlassian',
    'net',
    'google',
    'docs',
    'mail',
    'acme',
    'zendesk',
    'xn--mnchen-3ya',
    'xn--',
    'münchen',
    'ü',
    '日本',
    'my',
    'salesforce',
    'sandbox',
    'force',
    'lightning',
    'www',
    '',
    '-',
    '_',
    '%zz',
    '%00',
    '..',
    'localhost',
    '127.0.0.1',
    '[::1]',
    '[fe80::1%25eth0]',
    '0x7f.1',
    '999.999.999.999',
  ];
  const paths = [
    '/',
    '',
    '/wiki',
    '/hc',
    '/u/1/',
    '/a/acme.com/',
    '/mail/u/0/#inbox',
    '/spreadsheets/u/1/d/x',
    '/%2e%2e/',
    '/../../etc/passwd',
    '/?q=',
    '#frag',
    '/:w:/r/',
    '/\u0000',
    '/\uD800',
    '/' + 'a'.repeat(3000),
  ];
  const fixed = [
    'http://[::1]:99999',
    'https://%zz/',
    'https://',
    'http://',
    'https://:443/',
    'https://@/',
    'https://user:pass@app.slack.com/client',
    'https://[::1',
    'http://a b/',
    'https://\u0000/',
    'https://xn--/',
    'https://xn--zz.com/',
    'https://' + 'a.'.repeat(200) + 'slack.com/',
    'https://' + 'x'.repeat(70) + '.atlassian.net/wiki',
    'https://' + 'b'.repeat(5000) + '.com/',
    '\uFEFFhttps://app.slack.com/',
    '  https://app.slack.com/  ',
    'https://app.slack.com\t/client',
    'https://app.slack.com\\client',
    'https://%41pp.slack.com/',
    'https://0/',
    'https://4294967296/',
    'https://.../',
    'https://.slack.com/',
    'https://*.slack.com/',
    'about:',
    'chrome:',
    'view-source:',
    'file:',
    ':',
    '/',
    '?',
    '#',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0: {
        // random code units, including lone surrogates and control characters
        const len = int(64);
        let s = '';
        for (let j = 0; j < len; j++) s += String.fromCharCode(int(rnd() < 0.7 ? 128 : 0x10000));
        out.push(s);
        break;
      }
      case 1: {
        // scheme + random labels + path
        const n = 1 + int(6);
        const host = Array.from({ length: n }, () => pick(labels)).join(pick(['.', '.', '.', '', '..', '-']));
        const port = rnd() < 0.2 ? ':' + pick(['', '0', '443', '65535', '65536', '99999', '-1', 'abc']) : '';
        out.push(pick(schemes) + host + port + pick(paths));
        break;
      }
      case 2:
        out.push(pick(fixed));
        break;
      case 3: {
        // a known good URL, truncated or with random characters spliced in
        const base = pick([
          'https://acme.atlassian.net/wiki/spaces/X',
          'https://docs.google.com/spreadsheets/u/1/d/x',
          'https://acme--uat.sandbox.my.salesforce.com/',
          'https://acme.zendesk.com/hc/en-us',
          'chrome-extension://abc/popup.html',
          'https://zoom.us/j/123',
        ]);
        const cut = int(base.length + 1);
        const junk = String.fromCharCode(int(0x3000));
        out.push(rnd() < 0.5 ? base.slice(0, cut) : base.slice(0, cut) + junk + base.slice(cut));
        break;
      }
      default: {
        // unicode hosts and very long hosts
        const label = Array.from({ length: 1 + int(80) }, () => String.fromCodePoint(0x20 + int(0x2ffff))).join('');
        out.push(
          'https://' + label + '.' + pick(['slack.com', 'atlassian.net', 'google.com', 'example']) + pick(paths),
        );
      }
    }
  }
  return out;
}

describe('classifier robustness', () => {
  it('classifies 10,000 random and malformed strings without throwing, always as app, transit or other', () => {
    const inputs = fuzzInputs(10_000, 0x70661e);
    expect(inputs).toHaveLength(10_000);
    const ids = new Set(APPS.map((a) => a.id));
    const bad: string[] = [];
    for (const input of inputs) {
      let c: Classification;
      try {
        c = classify(input);
      } catch (error) {
        bad.push(`threw on ${JSON.stringify(input.slice(0, 120))}: ${String(error)}`);
        continue;
      }
      const ok =
        (c.kind === 'app' && ids.has(c.appId)) ||
        c.kind === 'transit' ||
        (c.kind === 'other' && typeof c.host === 'string');
      if (!ok) bad.push(`bad result for ${JSON.stringify(input.slice(0, 120))}: ${JSON.stringify(c)}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});

describe('catalog invariants', () => {
  const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
  const PATH = /^(\/[a-z0-9:._~-]+)+$/;
  const allRules: { owner: string; rule: HostRule }[] = [
    ...APPS.flatMap((a) => a.match.map((rule) => ({ owner: `app ${a.id}`, rule }))),
    ...TRANSIT.flatMap((t) => t.match.map((rule) => ({ owner: `transit ${t.name}`, rule }))),
  ];

  it('has a version and at least 300 apps', () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(APPS.length).toBeGreaterThanOrEqual(300);
  });

  it('has unique slug ids, names, vendors and valid categories', () => {
    const ids = APPS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
    expect(ids.filter((id) => id.startsWith('custom-'))).toEqual([]);
    expect(APPS.filter((a) => !(a.category in CATEGORIES)).map((a) => a.id)).toEqual([]);
    expect(APPS.filter((a) => !a.name.trim() || !a.vendor.trim()).map((a) => a.id)).toEqual([]);
  });

  it('covers every category', () => {
    const used = new Set(APPS.map((a) => a.category));
    expect(Object.keys(CATEGORIES).filter((c) => !used.has(c as keyof typeof CATEGORIES))).toEqual([]);
  });

  it('gives every app and transit entry at least one including rule', () => {
    expect(APPS.filter((a) => !a.match.some((r) => !r.exclude)).map((a) => a.id)).toEqual([]);
    expect(TRANSIT.filter((t) => !t.match.some((r) => !r.exclude)).map((t) => t.name)).toEqual([]);
    expect(
      TRANSIT.filter((t) => !['auth', 'launcher', 'search', 'newtab'].includes(t.kind)).map((t) => t.name),
    ).toEqual([]);
  });

  it('writes every host lower-case, exact or *.-prefixed, and every path as lower-case segments', () => {
    expect(
      allRules.filter(({ rule }) => !HOST.test(rule.host)).map(({ owner, rule }) => `${owner}: ${rule.host}`),
    ).toEqual([]);
    expect(
      allRules
        .filter(({ rule }) => rule.path !== undefined && !PATH.test(rule.path))
        .map(({ owner, rule }) => `${owner}: ${rule.path}`),
    ).toEqual([]);
  });

  it('classifies a page of every including rule as that rule gives it, unless a rule excludes the page', () => {
    const includes = [
      ...APPS.flatMap((a) => a.match.map((rule) => ({ rule, expected: `app:${a.id}` }))),
      ...TRANSIT.flatMap((t) => t.match.map((rule) => ({ rule, expected: 'transit' }))),
    ].filter(({ rule }) => !rule.exclude);
    const excluded = (host: string, path: string) =>
      allRules.some(({ rule }) => {
        if (!rule.exclude) return false;
        const suffix = rule.host.replace(/^\*\./, '');
        const hostOk = rule.host.startsWith('*.') ? host.endsWith('.' + suffix) : host === rule.host;
        return hostOk && (!rule.path || path === rule.path || path.startsWith(rule.path + '/'));
      });
    const wrong = includes
      .map(({ rule, expected }) => {
        const host = rule.host.startsWith('*.') ? 'tenant' + rule.host.slice(1) : rule.host;
        const path = rule.path ?? '/';
        const got = show(classify(`https://${host}${path}`));
        return got === expected || excluded(host, path)
          ? null
          : `${rule.host}${rule.path ?? ''}: ${got}, not ${expected}`;
      })
      .filter(Boolean);
    expect(includes.length).toBeGreaterThan(700);
    expect(wrong).toEqual([]);
  });

  it('never gives two rules the same host and path', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const { owner, rule } of allRules) {
      const key = `${rule.host}${rule.path ?? ''}`;
      const prior = seen.get(key);
      if (prior) dups.push(`${key}: ${prior} and ${owner}`);
      else seen.set(key, owner);
    }
    expect(dups).toEqual([]);
  });

  it('includes every app of the seed interview', () => {
    const ids = new Set(APPS.map((a) => a.id));
    const seed = [
      'dropbox',
      'slack',
      'zoom',
      'gmail',
      'google-docs',
      'google-sheets',
      'google-slides',
      'google-drive',
      'google-calendar',
      'google-meet',
      'paychex',
    ];
    expect(seed.filter((id) => !ids.has(id))).toEqual([]);
  });
});
