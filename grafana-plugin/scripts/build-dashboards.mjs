console.log('dashboards: pending');
